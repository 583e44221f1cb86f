package dev.tcccbridge.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The shipped Salesforce metadata of the softphone: a Lightning Open CTI call center framing /agent/. */
class SalesforceCallCenterTest {

    static final Path METADATA = Path.of("salesforce/force-app/main/default");
    static final String NS = "http://soap.sforce.com/2006/04/metadata";

    @Test
    void theCallCenterFramesTheAgentPageInLightningLargeEnoughForTheWorkspace() throws Exception {
        Document center = read(METADATA.resolve("callCenters/TCCC_Softphone.callCenter-meta.xml"));
        String adapterUrl = text(center.getDocumentElement(), "adapterUrl");
        Map<String, String> general = section(center, "reqGeneralInfo");

        URI adapter = URI.create(adapterUrl);
        assertThat(adapter.getScheme()).as("Salesforce frames HTTPS only").isEqualTo("https");
        assertThat(adapter.getPath()).isEqualTo("/agent/");
        assertThat(general).containsEntry("reqAdapterUrl", adapterUrl)
                .containsEntry("reqUseApi", "true")
                .containsEntry("reqSalesforceCompatibilityMode", "Lightning");
        // the vendor's workspace needs 760 x 480, plus the page's header and caller card
        assertThat(Integer.parseInt(general.get("reqSoftphoneWidth"))).isGreaterThanOrEqualTo(780);
        assertThat(Integer.parseInt(general.get("reqSoftphoneHeight"))).isGreaterThanOrEqualTo(600);
        assertThat(text(center.getDocumentElement(), "displayName")).isNotBlank();
    }

    @Test
    void lightningMayFrameTheBridge() throws Exception {
        Document site = read(METADATA.resolve("cspTrustedSites/TCCC_Bridge.cspTrustedSite-meta.xml"));
        Element root = site.getDocumentElement();
        String adapterUrl = text(read(METADATA.resolve("callCenters/TCCC_Softphone.callCenter-meta.xml"))
                .getDocumentElement(), "adapterUrl");

        assertThat(root.getLocalName()).isEqualTo("CspTrustedSite");
        assertThat(adapterUrl).startsWith(text(root, "endpointUrl") + "/");
        assertThat(text(root, "isApplicableToFrameSrc")).isEqualTo("true");
        assertThat(text(root, "isActive")).isEqualTo("true");
        assertThat(text(root, "context")).isEqualTo("LEX");
    }

    private static Map<String, String> section(Document center, String name) {
        NodeList sections = center.getElementsByTagNameNS(NS, "sections");
        for (int i = 0; i < sections.getLength(); i++) {
            Element section = (Element) sections.item(i);
            if (name.equals(directText(section, "name"))) {
                Map<String, String> items = new LinkedHashMap<>();
                NodeList entries = section.getElementsByTagNameNS(NS, "items");
                for (int j = 0; j < entries.getLength(); j++) {
                    Element item = (Element) entries.item(j);
                    items.put(text(item, "name"), text(item, "value"));
                }
                return items;
            }
        }
        throw new AssertionError("no section " + name);
    }

    /** The text of the element's own child of that name (not of a nested one). */
    private static String directText(Element parent, String name) {
        for (var node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child && name.equals(child.getLocalName())) {
                return child.getTextContent().strip();
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        String text = directText(parent, name);
        assertThat(text).as(name).isNotNull();
        return text;
    }

    private static Document read(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }
}
