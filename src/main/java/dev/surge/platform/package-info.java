/**
 * Generic building blocks every business module uses: problem responses, request ids, validation and
 * cursor paging ({@code web}), security, the transactional outbox and the Kafka consumer base
 * ({@code events}), ids and money ({@code persistence}), and observability. Nothing here knows a business
 * concept; it is an open module so that its sub-packages are usable from every other module.
 */
@ApplicationModule(displayName = "Platform", type = ApplicationModule.Type.OPEN)
package dev.surge.platform;

import org.springframework.modulith.ApplicationModule;
