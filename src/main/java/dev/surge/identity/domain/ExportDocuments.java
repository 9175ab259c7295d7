package dev.surge.identity.domain;

import dev.surge.identity.config.IdentityProperties;
import dev.surge.platform.privacy.PersonalDataSection;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * The export document: every {@link PersonalDataSection} bean's part under its name, whatever modules declare
 * them (so a new module's data is exported by adding its section, nothing here). Sections are asked one after the
 * other (each runs its own queries); a section that fails fails the build, which the event's delivery retries:
 * an export with a part missing would look complete and is worse than a late one. Writing the JSON of a large
 * account is CPU work, done on the bounded {@code surge-exports} scheduler, never on an event loop.
 */
@Component
class ExportDocuments implements DisposableBean {

    /** The document's format, so a reader can tell versions apart. */
    static final String FORMAT = "surge-personal-data/1";

    private final List<PersonalDataSection> sections;
    private final JsonMapper json;
    private final Scheduler scheduler;

    ExportDocuments(List<PersonalDataSection> sections, JsonMapper json, IdentityProperties properties) {
        this.sections = sections.stream().sorted(Comparator.comparing(PersonalDataSection::name)).toList();
        long names = this.sections.stream().map(PersonalDataSection::name).distinct().count();
        if (names != this.sections.size()) {
            throw new IllegalStateException("Two personal-data sections share a name: " + this.sections);
        }
        this.json = json;
        this.scheduler = Schedulers.newBoundedElastic(properties.exports().buildThreads(),
                properties.exports().maxQueuedBuilds(), "surge-exports");
    }

    /** The account's document as JSON bytes. */
    Mono<byte[]> build(UUID accountId) {
        return Flux.fromIterable(sections)
                .concatMap(section -> section.export(accountId)
                        .switchIfEmpty(Mono.fromSupplier(List::of))
                        .map(part -> Map.entry(section.name(), part)))
                .collectList()
                .publishOn(scheduler)
                .map(parts -> {
                    Map<String, Object> content = new LinkedHashMap<>();
                    parts.forEach(part -> content.put(part.getKey(), part.getValue()));
                    Map<String, Object> document = new LinkedHashMap<>();
                    document.put("format", FORMAT);
                    document.put("accountId", accountId);
                    document.put("generatedAt", Instant.now());
                    document.put("sections", content);
                    return json.writeValueAsBytes(document);
                });
    }

    @Override
    public void destroy() {
        scheduler.dispose();
    }
}
