package dev.tcccbridge.crm;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.component.salesforce.api.dto.AbstractDescribedSObjectBase;
import org.apache.camel.component.salesforce.api.dto.Attributes;
import org.apache.camel.component.salesforce.api.dto.SObjectDescription;

/**
 * A record of any sObject as camel-salesforce's sObject Collections send it, without generated
 * DTOs: {@code {"attributes":{"type":"Task"},"TCCC_Session_Id__c":"...","Subject":"..."}}. The
 * component's mapper leaves out its own fields while they are null, so only these fields are sent.
 */
public final class SObjectRecord extends AbstractDescribedSObjectBase {

    private final Map<String, Object> fields;

    public SObjectRecord(String type, Map<String, Object> fields) {
        Attributes attributes = new Attributes();
        attributes.setType(type);
        setAttributes(attributes);
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    @JsonAnyGetter
    public Map<String, Object> fields() {
        return fields;
    }

    @Override
    public SObjectDescription description() {
        SObjectDescription description = new SObjectDescription();
        description.setName(getAttributes().getType());
        return description;
    }
}
