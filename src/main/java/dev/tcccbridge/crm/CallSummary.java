package dev.tcccbridge.crm;

import dev.tcccbridge.tccc.Cdr;
import dev.tcccbridge.tccc.Cdr.KeyPress;
import dev.tcccbridge.tccc.Cdr.ServeParticipant;
import dev.tcccbridge.tccc.EndStatus;
import dev.tcccbridge.tccc.Timestamps;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A call in words, for the activity's Description: one fact a line, missing facts left out. */
public class CallSummary {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final ZoneId zone;
    private final PhoneNumbers phoneNumbers;

    public CallSummary(ZoneId zone, PhoneNumbers phoneNumbers) {
        this.zone = zone;
        this.phoneNumbers = phoneNumbers;
    }

    public String describe(Cdr cdr) {
        List<String> lines = new ArrayList<>();
        lines.add((cdr.inbound() ? "Inbound call from " : "Outbound call to ")
                + number(cdr.customerNumber()) + (cdr.inbound() ? " to " : " from ")
                + number(cdr.inbound() ? cdr.callee() : cdr.caller()));
        times(cdr).ifPresent(lines::add);
        queue(cdr).ifPresent(lines::add);
        keys("IVR keys", cdr.ivrKeyPressedEx(), cdr.ivrKeyPressed()).ifPresent(lines::add);
        keys("After-call IVR keys", cdr.postIvrKeyPressed(), List.of()).ifPresent(lines::add);
        agent(cdr).ifPresent(lines::add);
        List<ServeParticipant> participants = cdr.serveParticipants().stream()
                .sorted(Comparator.comparing(p -> p.sequence() == null ? Integer.MAX_VALUE : p.sequence()))
                .toList();
        if (!participants.isEmpty()) {
            lines.add("Participants:");
            for (int i = 0; i < participants.size(); i++) {
                lines.add((i + 1) + ". " + participant(participants.get(i)));
            }
        }
        present(cdr.hungUpSide()).map(side -> "Hung up by: " + hungUpSide(side)).ifPresent(lines::add);
        location(cdr).map(location -> "Customer location: " + location).ifPresent(lines::add);
        present(cdr.endStatusString()).map(code -> "End status: " + EndStatus.describe(code)).ifPresent(lines::add);
        present(cdr.userRemark()).map(remark -> "Remark: " + remark).ifPresent(lines::add);
        present(cdr.uui()).map(uui -> "Customer data (Uui): " + uui).ifPresent(lines::add);
        lines.add("TCCC session: " + cdr.sessionId());
        return String.join("\n", lines);
    }

    private String number(String raw) {
        return present(raw).map(phoneNumbers::display).orElse("an unknown number");
    }

    private Optional<String> times(Cdr cdr) {
        List<String> parts = new ArrayList<>();
        Timestamps.instant(cdr.startTimestamp()).ifPresent(t -> parts.add("started " + DATE_TIME.format(t.atZone(zone))
                + " (" + zone.getId() + ")"));
        Timestamps.instant(cdr.acceptTimestamp()).ifPresent(t -> parts.add("answered " + time(t)));
        Timestamps.instant(cdr.endedTimestamp()).ifPresent(t -> parts.add("ended " + time(t)));
        if (cdr.duration() != null) {
            parts.add("talk time " + cdr.duration() + " s");
        }
        if (cdr.ivrDuration() != null && cdr.ivrDuration() > 0) {
            parts.add("IVR " + cdr.ivrDuration() + " s");
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(capitalise(String.join(", ", parts)));
    }

    private static Optional<String> queue(Cdr cdr) {
        Optional<String> name = present(cdr.queuedSkillGroupName());
        String id = cdr.queuedSkillGroupId() == null || cdr.queuedSkillGroupId() == 0 ? null
                : "skill group " + cdr.queuedSkillGroupId();
        if (name.isEmpty() && id == null) {
            return Optional.empty();
        }
        return Optional.of("Queue: " + name.map(n -> id == null ? n : n + " (" + id + ")").orElse(id));
    }

    /** Labelled keys when TCCC gives labels, the bare keys otherwise. */
    private static Optional<String> keys(String title, List<KeyPress> labelled, List<String> bare) {
        List<String> keys = !labelled.isEmpty()
                ? labelled.stream().filter(Objects::nonNull)
                        .map(k -> present(k.label()).map(label -> k.key() + " = " + label).orElse(k.key())).toList()
                : bare.stream().filter(Objects::nonNull).toList();
        return keys.isEmpty() ? Optional.empty() : Optional.of(title + ": " + String.join(", ", keys));
    }

    private static Optional<String> agent(Cdr cdr) {
        Cdr.SeatUser seat = cdr.seatUser();
        if (seat == null) {
            return Optional.empty();
        }
        String who = Stream.of(present(seat.name()).orElse(null),
                        present(seat.mail()).map(mail -> "<" + mail + ">").orElse(null))
                .filter(Objects::nonNull).collect(Collectors.joining(" "));
        String staff = present(seat.staffNumber()).map(n -> ", staff no. " + n).orElse("");
        return who.isEmpty() ? Optional.empty() : Optional.of("Agent: " + who + staff);
    }

    private String participant(ServeParticipant p) {
        StringBuilder line = new StringBuilder(present(p.mail()).or(() -> present(p.phone())).orElse("unknown"));
        present(p.type()).ifPresent(type -> line.append(" (").append(type).append(')'));
        present(p.skillGroupName()).ifPresent(group -> line.append(", skill group ").append(group));
        present(p.transferFrom()).ifPresent(from -> line.append(", transferred from ").append(from)
                .append(present(p.transferFromType()).map(t -> " (" + t + ")").orElse("")));
        present(p.transferTo()).ifPresent(to -> line.append(", transferred to ").append(to)
                .append(present(p.transferToType()).map(t -> " (" + t + ")").orElse("")));
        Timestamps.instant(p.ringTimestamp()).ifPresent(t -> line.append(", rang ").append(time(t)));
        Timestamps.instant(p.acceptTimestamp()).ifPresentOrElse(t -> line.append(", answered ").append(time(t)),
                () -> line.append(", not answered"));
        Timestamps.instant(p.endedTimestamp()).ifPresent(t -> line.append(", ended ").append(time(t)));
        present(p.endStatusString()).ifPresent(code -> line.append(": ").append(EndStatus.describe(code)));
        return line.toString();
    }

    private static String hungUpSide(String side) {
        return switch (side.strip()) {
            case "user" -> "the customer";
            case "seat" -> "the agent";
            default -> side.strip();
        };
    }

    /** Where the customer's number is registered: TelLocation's place and carrier, else CallerLocation. */
    static Optional<String> location(Cdr cdr) {
        Cdr.TelLocation tel = cdr.telLocation();
        if (tel != null) {
            String place = Stream.of(tel.province(), tel.city(), tel.country())
                    .map(CallSummary::present).flatMap(Optional::stream).distinct()
                    .collect(Collectors.joining(", "));
            String operator = present(tel.operator()).map(o -> " (" + o + ")").orElse("");
            if (!place.isEmpty()) {
                return Optional.of(place + operator);
            }
        }
        return present(cdr.callerLocation());
    }

    private String time(Instant instant) {
        return TIME.format(instant.atZone(zone));
    }

    private static Optional<String> present(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
