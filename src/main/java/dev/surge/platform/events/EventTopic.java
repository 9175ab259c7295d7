package dev.surge.platform.events;

/**
 * Declares a topic a module publishes to. Every {@code EventTopic} bean is created on the broker at
 * start-up, together with its dead-letter topic {@code <name>.dlt}.
 */
public record EventTopic(String name) {

    public String deadLetterTopic() {
        return name + ".dlt";
    }
}
