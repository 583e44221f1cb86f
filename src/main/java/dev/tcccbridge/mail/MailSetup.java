package dev.tcccbridge.mail;

import freemarker.ext.beans.ZeroArgumentNonVoidMethodPolicy;
import freemarker.template.DefaultObjectWrapperBuilder;
import java.util.Properties;
import org.apache.camel.component.freemarker.FreemarkerComponent;
import org.apache.camel.component.mail.DefaultJavaMailSender;
import org.apache.camel.component.mail.JavaMailSender;
import org.apache.camel.spi.ComponentCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The mail transport, checked at start-up: the mode, and the SMTP connection that camel-mail
 * uses ({@code smtp:...?javaMailSender=#bridgeMailSender} in the routes).
 */
@Configuration(proxyBeanMethods = false)
public class MailSetup {

    private static final Logger LOG = LoggerFactory.getLogger(MailSetup.class);

    @Bean
    MailMode mailMode(MailProperties mail, VoicemailProperties voicemail) {
        MailMode mode = mail.resolvedMode();
        if (mode == MailMode.SMTP && !mail.hasHost()) {
            throw new IllegalStateException("bridge.mail.mode is smtp but bridge.mail.host is empty: set the SMTP host"
                    + " (or bridge.mail.mode=file to write mails to " + mail.outboxDir() + ")");
        }
        if (mail.to().isEmpty() && !voicemail.notifyOwner()) {
            throw new IllegalStateException("no voicemail recipient: bridge.mail.to is empty and"
                    + " bridge.voicemail.notify-owner is off; set bridge.mail.to");
        }
        if (mail.to().isEmpty()) {
            LOG.warn("bridge.mail.to is empty: voicemails from callers without a CRM owner cannot be mailed");
        }
        LOG.info("Mail mode: {}", mode == MailMode.SMTP
                ? "smtp via " + mail.host() + ":" + mail.port()
                : "file (mails are written to " + mail.outboxDir().toAbsolutePath().normalize()
                        + "; set bridge.mail.host to send them)");
        return mode;
    }

    /** The SMTP connection: host, port, login, STARTTLS and timeouts from bridge.mail.*. */
    @Bean
    JavaMailSender bridgeMailSender(MailProperties mail) {
        DefaultJavaMailSender sender = new DefaultJavaMailSender();
        sender.setProtocol("smtp");
        sender.setHost(mail.hasHost() ? mail.host() : "localhost");
        sender.setPort(mail.port());
        boolean login = mail.username() != null && !mail.username().isBlank();
        if (login) {
            sender.setUsername(mail.username());
            sender.setPassword(mail.password());
        }
        Properties properties = new Properties();
        String timeout = String.valueOf(mail.timeout().toMillis());
        properties.setProperty("mail.smtp.connectiontimeout", timeout);
        properties.setProperty("mail.smtp.timeout", timeout);
        properties.setProperty("mail.smtp.writetimeout", timeout);
        properties.setProperty("mail.smtp.auth", String.valueOf(login));
        properties.setProperty("mail.smtp.starttls.enable", String.valueOf(mail.starttls()));
        properties.setProperty("mail.smtp.starttls.required", String.valueOf(mail.starttls()));
        sender.setJavaMailProperties(properties);
        return sender;
    }

    /**
     * Templates read records the way they read beans: {@code ${body.caller.national}},
     * {@code <#if body.customer??>}, without method-call parentheses.
     */
    @Bean
    ComponentCustomizer templatesReadRecordsAsProperties() {
        return ComponentCustomizer.forType(FreemarkerComponent.class, component -> {
            DefaultObjectWrapperBuilder wrapper = new DefaultObjectWrapperBuilder(freemarker.template.Configuration.VERSION_2_3_34);
            wrapper.setRecordZeroArgumentNonVoidMethodPolicy(
                    ZeroArgumentNonVoidMethodPolicy.PROPERTY_ONLY_UNLESS_BEAN_PROPERTY_READ_METHOD);
            component.getConfiguration().setObjectWrapper(wrapper.build());
        });
    }

    /** For the route's choice between sending and writing the outbox. */
    @Bean
    MailTransport mailTransport(MailMode mode) {
        return new MailTransport(mode);
    }

    public record MailTransport(MailMode mode) {
        public boolean smtp() {
            return mode == MailMode.SMTP;
        }
    }
}
