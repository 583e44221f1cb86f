package dev.tcccbridge.agent;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /agent/}: the softphone page, or, with the workspace off, a page saying how to turn it on. */
@Controller
public class AgentPages {

    private final AgentProperties properties;

    public AgentPages(AgentProperties properties) {
        this.properties = properties;
    }

    @GetMapping("/agent")
    public String withSlash() {
        // the page's relative links need the trailing slash
        return "redirect:/agent/";
    }

    @GetMapping("/agent/")
    public String page() {
        return properties.enabled() ? "forward:/agent/index.html" : "forward:/agent/off.html";
    }
}
