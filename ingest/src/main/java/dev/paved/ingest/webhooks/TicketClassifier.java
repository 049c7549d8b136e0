package dev.paved.ingest.webhooks;

import dev.paved.config.WebhooksConfig.TicketRule;
import java.util.List;
import java.util.Map;

/** A ticket's {@code feature} or {@code kind} from its project, components, labels, tags, type. */
final class TicketClassifier {
  private final List<TicketRule> rules;

  TicketClassifier(List<TicketRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The target of the first rule that matches one of the ticket's values; null when none does. */
  String classify(Map<String, List<String>> valuesByField) {
    for (TicketRule rule : rules) {
      for (String value : valuesByField.getOrDefault(rule.field(), List.of())) {
        if (value != null && rule.matches(rule.field(), value)) {
          return rule.target();
        }
      }
    }
    return null;
  }
}
