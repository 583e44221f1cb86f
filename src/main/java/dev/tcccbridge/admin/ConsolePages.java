package dev.tcccbridge.admin;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /admin/}: the operations console (static HTML and JavaScript over the admin API). */
@Controller
public class ConsolePages {

    @GetMapping("/admin")
    public String withSlash() {
        // the page's relative links need the trailing slash
        return "redirect:/admin/";
    }

    @GetMapping("/admin/")
    public String console() {
        return "forward:/admin/index.html";
    }
}
