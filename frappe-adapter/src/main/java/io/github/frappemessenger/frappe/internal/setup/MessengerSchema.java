package io.github.frappemessenger.frappe.internal.setup;

import static io.github.frappemessenger.frappe.internal.setup.FieldSpec.required;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a site needs for the messenger: the DocTypes (with the field names, types and options of the frappe_messenger
 * app's DocType JSON, {@code tridz-dev/frappe_messenger}, files under {@code frappe_messenger/frappe_messenger/doctype/}),
 * the records their defaults and links point at, and the role for desk agents. In creation order: a Link's target
 * before the Link. Immutable constants.
 */
public final class MessengerSchema {
    public static final String SYSTEM_MANAGER = "System Manager";
    /** The role setup creates for desk users who work the inbox. */
    public static final String AGENT_ROLE = "Messenger Agent";
    public static final String MESSAGE = "Messenger Message";
    public static final String CONVERSATION = "Messenger Conversation";
    public static final String SETTINGS = "Messenger Settings";
    public static final String PLATFORM = "Messenger Platform";
    public static final String STATUS = "Messenger Conversation Status";
    public static final String STATUS_LOG = "Messenger Conversation Status Log";

    private static final String DIR = "frappe_messenger/frappe_messenger/doctype/";
    private static final Set<String> AGENT_READ = Set.of("read", "report");
    private static final Set<String> AGENT_WORK = Set.of("read", "write", "report");

    public static final DocTypeSpec PLATFORM_DOCTYPE = new DocTypeSpec(PLATFORM,
            DIR + "messenger_platform/messenger_platform.json", false, false, "field:platform",
            List.of(required("platform", "Data", "Platform")),
            Map.of(SYSTEM_MANAGER, DocTypeSpec.FULL, AGENT_ROLE, AGENT_READ));

    public static final DocTypeSpec STATUS_DOCTYPE = new DocTypeSpec(STATUS,
            DIR + "messenger_conversation_status/messenger_conversation_status.json", false, false, "field:status",
            List.of(required("status", "Data", "Status")),
            Map.of(SYSTEM_MANAGER, DocTypeSpec.FULL, AGENT_ROLE, AGENT_READ));

    public static final DocTypeSpec STATUS_LOG_DOCTYPE = new DocTypeSpec(STATUS_LOG,
            DIR + "messenger_conversation_status_log/messenger_conversation_status_log.json", false, true, null,
            List.of(required("status", "Link", "Status").options(STATUS),
                    required("changed_on", "Datetime", "Changed On"),
                    required("changed_by", "Link", "Changed By").options("User")),
            Map.of());

    public static final DocTypeSpec CONVERSATION_DOCTYPE = new DocTypeSpec(CONVERSATION,
            DIR + "messenger_conversation/messenger_conversation.json", false, false, "format:MSG-CONV-{#####}",
            List.of(required("platform", "Link", "Platform").options(PLATFORM),
                    required("sender_id", "Data", "Sender ID"),
                    required("last_message", "Small Text", "Last Message"),
                    required("last_message_time", "Datetime", "Last Message Time"),
                    required("status", "Link", "Status").options(STATUS).byDefault("Open"),
                    required("block_chat", "Check", "Block Chat").byDefault("0"),
                    // Read for messenger:conversation_status_update (its last row); older app versions lack it.
                    required("status_log", "Table", "Status Log").options(STATUS_LOG).optional()),
            Map.of(SYSTEM_MANAGER, DocTypeSpec.FULL, AGENT_ROLE, AGENT_WORK));

    public static final DocTypeSpec MESSAGE_DOCTYPE = new DocTypeSpec(MESSAGE,
            DIR + "messenger_message/messenger_message.json", false, false, null,
            List.of(required("message_direction", "Select", "Message Direction").options("Incoming\nOutgoing"),
                    required("sender_id", "Data", "Sender ID"),
                    required("timestamp", "Datetime", "Timestamp"),
                    required("message_id", "Text", "Message ID"),
                    required("conversation", "Link", "Conversation").options(CONVERSATION),
                    required("message", "Text", "Message"),
                    required("is_read", "Check", "Is Read").byDefault("0"),
                    required("content_type", "Select", "Content Type")
                            .options("text\nfile\nimage\nvideo\naudio\nreaction\nflow\nlocation\ncontact\nbutton"),
                    required("attach", "Attach", "Attach"),
                    required("status", "Data", "Status"),
                    // Read for messenger:message_auto_sent; added to the app in a later version.
                    required("is_auto_generated_outgoing_message", "Check", "Is Auto Generated Outgoing Message")
                            .byDefault("0").optional(),
                    // Not in the app's JSON: the bridge's own, so that a message saved without a conversation can
                    // be put into the conversation of its (platform, sender_id).
                    required("platform", "Link", "Platform").options(PLATFORM).optional()),
            Map.of(SYSTEM_MANAGER, DocTypeSpec.FULL, AGENT_ROLE, Set.of("read", "write", "create", "report")));

    public static final DocTypeSpec SETTINGS_DOCTYPE = new DocTypeSpec(SETTINGS,
            DIR + "messenger_settings/messenger_settings.json", true, false, null,
            List.of(required("enabled", "Check", "Enabled").byDefault("0")),
            Map.of(SYSTEM_MANAGER, DocTypeSpec.FULL, AGENT_ROLE, Set.of("read")));

    /** Every DocType, a Link's target first. */
    public static final List<DocTypeSpec> DOCTYPES = List.of(PLATFORM_DOCTYPE, STATUS_DOCTYPE, STATUS_LOG_DOCTYPE,
            CONVERSATION_DOCTYPE, MESSAGE_DOCTYPE, SETTINGS_DOCTYPE);

    /**
     * Records that must exist: the conversation status {@code Open} (Messenger Conversation's default, so a new
     * conversation fails Frappe's link check without it) and the platforms the app's install creates.
     */
    public static final List<SeedRecord> RECORDS = List.of(
            new SeedRecord(STATUS, "Open", Map.of("status", "Open")),
            new SeedRecord(PLATFORM, "Messenger", Map.of("platform", "Messenger")),
            new SeedRecord(PLATFORM, "Instagram", Map.of("platform", "Instagram")));

    /** One Webhook per doc event the bridge handles. */
    public static final List<BridgeWebhook> WEBHOOKS = List.of(
            new BridgeWebhook(MESSAGE, "after_insert"),
            new BridgeWebhook(MESSAGE, "on_update"),
            new BridgeWebhook(CONVERSATION, "on_update"));

    /** A record a DocType's default or links need. */
    public record SeedRecord(String doctype, String name, Map<String, Object> doc) {
        public SeedRecord {
            doc = Map.copyOf(doc);
        }
    }

    private MessengerSchema() {
    }
}
