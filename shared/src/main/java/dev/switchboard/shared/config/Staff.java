package dev.switchboard.shared.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who works for the business: {@code STAFF} maps each staff phone (E.164) to {@code {"name", "role"}}, e.g.
 * {@code {"+19045550177": {"name": "Mike", "role": "owner"}}}. Unset, every line's {@code forwardTo} and
 * {@code TWILIO_FORWARD_TO} are staff with the role {@code owner}. Staff numbers are never customers: no
 * missed-call text, lead, CRM record or daily cap, and their texts to a line are commands. Like
 * {@code LINES} it may live in SSM ({@code STAFF_PARAMETER}) and follows edits ({@link LiveSetting}); a
 * malformed value stops the cold start with one line naming {@code STAFF}.
 */
public final class Staff {

    public enum Role {
        OWNER, STAFF;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One staff member. */
    public record Member(String phone, String name, Role role) {
    }

    static final String DEFAULT_NAME = "Owner";
    private static final Set<String> KEYS = Set.of("name", "role");

    private final LiveSetting<Map<String, Member>> members;
    private final Lines lines;

    private Staff(LiveSetting<Map<String, Member>> members, Lines lines) {
        this.members = members;
        this.lines = lines;
    }

    /** Parses {@code STAFF} now (a malformed value is a {@link ConfigException}) and follows later changes. */
    public static Staff load(Settings settings, Lines lines) {
        return new Staff(settings.live(Staff::parse), lines);
    }

    /** Fixed members, for tests. */
    public static Staff of(Lines lines, Member... members) {
        Map<String, Member> byPhone = new LinkedHashMap<>();
        for (Member member : members) {
            byPhone.put(member.phone(), member);
        }
        return new Staff(LiveSetting.of(Map.copyOf(byPhone)), lines);
    }

    static Map<String, Member> parse(Settings settings) {
        Optional<String> raw = settings.optional("STAFF").filter(v -> !v.isBlank());
        Map<String, Member> members = new LinkedHashMap<>();
        if (raw.isEmpty()) {
            List<String> owners = new ArrayList<>();
            settings.optionalE164("TWILIO_FORWARD_TO").ifPresent(owners::add);
            for (JsonNode line : LinesJson.lineObjects(settings).values()) {
                JsonNode forwardTo = line.get("forwardTo");
                if (forwardTo != null && forwardTo.isTextual() && !forwardTo.asText().isBlank()) {
                    owners.add(Settings.requireE164("LINES forwardTo", forwardTo.asText()));
                }
            }
            owners.forEach(phone -> members.putIfAbsent(phone, new Member(phone, DEFAULT_NAME, Role.OWNER)));
            return Map.copyOf(members);
        }
        JsonNode root;
        try {
            root = LinesJson.parse(raw.get());
        } catch (JsonProcessingException e) {
            throw new ConfigException("STAFF is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException("STAFF must be a JSON object mapping each staff phone (E.164) to "
                    + "{\"name\": ..., \"role\": \"owner\"|\"staff\"}");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            String phone = Settings.requireE164("STAFF key", entry.getKey());
            String where = "STAFF[" + phone + "]";
            JsonNode node = entry.getValue();
            if (!node.isObject()) {
                throw new ConfigException(where + " must be an object like {\"name\": \"Mike\", \"role\": \"owner\"}");
            }
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String key = names.next();
                if (!KEYS.contains(key)) {
                    throw new ConfigException(where + " has an unknown key '" + key + "'; known keys: name, role");
                }
            }
            JsonNode name = node.get("name");
            if (name != null && !name.isNull() && (!name.isTextual() || name.asText().length() > 64)) {
                throw new ConfigException(where + ".name must be text of at most 64 characters");
            }
            JsonNode role = node.get("role");
            Role parsedRole = Role.STAFF;
            if (role != null && !role.isNull()) {
                String value = role.asText("");
                if (!role.isTextual() || !(value.equals("owner") || value.equals("staff"))) {
                    throw new ConfigException(where + ".role must be \"owner\" or \"staff\", got " + role);
                }
                parsedRole = Role.valueOf(value.toUpperCase(Locale.ROOT));
            }
            String display = name == null || name.isNull() || name.asText().isBlank()
                    ? (parsedRole == Role.OWNER ? DEFAULT_NAME : "Staff") : name.asText().strip();
            if (members.putIfAbsent(phone, new Member(phone, display, parsedRole)) != null) {
                throw new ConfigException("STAFF lists " + phone + " twice (in different formats)");
            }
        }
        return Map.copyOf(members);
    }

    public boolean isStaff(String phone) {
        return phone != null && members.get().containsKey(phone);
    }

    public Optional<Member> member(String phone) {
        return phone == null ? Optional.empty() : Optional.ofNullable(members.get().get(phone));
    }

    public Collection<Member> all() {
        return members.get().values();
    }

    /**
     * The lines a staff member belongs to: those that ring their phone ({@code forwardTo}); when none does,
     * every configured line (or the fallback line when none is configured). The first is the line their
     * texts (sign-in codes, notices) come from.
     */
    public List<Line> linesOf(String phone) {
        List<Line> own = new ArrayList<>();
        for (Line line : lines.configured()) {
            if (line.forwardTo().filter(phone::equals).isPresent()) {
                own.add(line);
            }
        }
        if (!own.isEmpty()) {
            return own;
        }
        List<Line> all = new ArrayList<>(lines.configured());
        if (all.isEmpty()) {
            all.add(lines.fallback());
        }
        return all;
    }
}
