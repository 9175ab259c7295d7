package dev.surge.platform.events.kafka;

import dev.surge.platform.events.EventTopic;
import dev.surge.platform.events.EventTransport;
import dev.surge.platform.events.EventsProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.kafka.receiver.KafkaReceiver;
import reactor.kafka.receiver.MicrometerConsumerListener;
import reactor.kafka.receiver.ReceiverOptions;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.MicrometerProducerListener;
import reactor.kafka.sender.SenderOptions;
import reactor.kafka.sender.SenderRecord;

/**
 * The event backbone's only contact with Kafka, through reactor-kafka (discontinued upstream, hence
 * kept to this class). Producer: idempotent, {@code acks=all}. Consumers: no auto-commit; offsets are
 * committed by the caller after each message. Creates the declared topics and their dead-letter topics
 * at start-up. Every producer and consumer reports its client metrics to Micrometer ({@code kafka_producer_*},
 * {@code kafka_consumer_*}: send rates and errors, fetch rates, {@code records_lag_max} per consumer group).
 */
@Component
class ReactorKafkaTransport implements EventTransport, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReactorKafkaTransport.class);
    private static final int MAX_IN_FLIGHT = 1024;

    private final EventsProperties properties;
    private final KafkaSender<String, byte[]> sender;
    private final Admin admin;
    private final MicrometerConsumerListener consumerMetrics;

    ReactorKafkaTransport(EventsProperties properties, List<EventTopic> topics, MeterRegistry meters) {
        this.properties = properties;
        this.consumerMetrics = new MicrometerConsumerListener(meters);
        if (properties.bootstrapServers() == null || properties.bootstrapServers().isBlank()) {
            throw new IllegalStateException("surge.events.bootstrap-servers (SURGE_KAFKA_BOOTSTRAP_SERVERS) must be set");
        }
        Map<String, Object> producer = new HashMap<>();
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        producer.put(ProducerConfig.CLIENT_ID_CONFIG, properties.clientId() + "-producer");
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        producer.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        producer.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        producer.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.sender = KafkaSender.create(SenderOptions.<String, byte[]>create(producer).maxInFlight(MAX_IN_FLIGHT)
                .stopOnError(false).producerListener(new MicrometerProducerListener(meters)));
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, properties.clientId() + "-admin",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000));
        createTopics(topics);
    }

    /** Runs once during start-up, on the main thread, before any request is served. */
    private void createTopics(List<EventTopic> topics) {
        List<NewTopic> wanted = topics.stream()
                .flatMap(topic -> java.util.stream.Stream.of(topic.name(), topic.deadLetterTopic()))
                .distinct()
                .map(name -> new NewTopic(name, properties.partitions(), properties.replicationFactor())
                        .configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(properties.minInsyncReplicas()))))
                .toList();
        admin.createTopics(wanted).values().forEach((name, future) -> {
            try {
                future.get(30, TimeUnit.SECONDS);
                log.info("Created Kafka topic {}", name);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("Could not create Kafka topic " + name, e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (TimeoutException e) {
                throw new IllegalStateException("Kafka did not answer while creating topic " + name, e);
            }
        });
    }

    /**
     * One send per message, so that a message the producer refuses outright (too large, say: thrown by
     * the client, not reported through the callback) fails alone instead of failing the whole batch.
     * The producer still batches them on the wire.
     */
    @Override
    public Mono<Map<UUID, SendFailure>> publish(List<OutboundMessage> messages) {
        return Flux.fromIterable(messages)
                .flatMap(message -> sender.send(Mono.just(SenderRecord.create(new ProducerRecord<>(message.topic(),
                                        null, message.key(), message.payload(), headers(message)), message.id())))
                                .next()
                                .filter(result -> result.exception() != null)
                                .map(result -> Map.entry(message.id(), failure(result.exception())))
                                .onErrorResume(e -> Mono.just(Map.entry(message.id(), failure(e)))),
                        MAX_IN_FLIGHT)
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private static SendFailure failure(Throwable error) {
        return new SendFailure(String.valueOf(error), error instanceof RetriableException);
    }

    private static List<Header> headers(OutboundMessage message) {
        Map<String, String> all = new LinkedHashMap<>(message.headers());
        all.put(EVENT_ID, message.id().toString());
        all.put(EVENT_TYPE, message.type());
        return all.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .<Header>map(e -> new RecordHeader(e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8)))
                .toList();
    }

    @Override
    public Flux<InboundMessage> receive(String group, List<String> topics) {
        Map<String, Object> consumer = new HashMap<>();
        consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        consumer.put(ConsumerConfig.CLIENT_ID_CONFIG, properties.clientId() + "-" + group);
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        // How long a member that vanished without leaving (a killed instance, a close that timed out) keeps its
        // partitions before the group hands them to the others; heartbeats at a third of it, as Kafka advises.
        long session = properties.consumer().sessionTimeout().toMillis();
        consumer.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) session);
        consumer.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) (session / 3));
        consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        ReceiverOptions<String, byte[]> options = ReceiverOptions.<String, byte[]>create(consumer)
                // Settled offsets are committed together, every commit-interval or every 100 of them, and on
                // revocation and close: not one awaited broker round trip per message (see EventsProperties).
                .commitInterval(properties.consumer().commitInterval())
                .commitBatchSize(100)
                .consumerListener(consumerMetrics)
                .subscription(topics);
        return KafkaReceiver.create(options).receive().map(record -> {
            Map<String, String> headers = new LinkedHashMap<>();
            for (Header header : record.headers()) {
                headers.put(header.key(), header.value() == null ? null
                        : new String(header.value(), StandardCharsets.UTF_8));
            }
            return new InboundMessage(record.topic(), record.partition(), record.offset(), record.key(),
                    record.value(), headers, Mono.fromRunnable(record.receiverOffset()::acknowledge));
        });
    }

    @Override
    public Mono<Void> deadLetter(InboundMessage message, String handler, Throwable reason) {
        Map<String, String> headers = new LinkedHashMap<>(message.headers());
        headers.put("surge-dlt-handler", handler);
        headers.put("surge-dlt-error", String.valueOf(reason));
        headers.put("surge-dlt-origin", message.topic() + "-" + message.partition() + "@" + message.offset());
        headers.put("surge-dlt-at", java.time.Instant.now().toString());
        List<Header> kafkaHeaders = headers.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .<Header>map(e -> new RecordHeader(e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8)))
                .toList();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(new EventTopic(message.topic()).deadLetterTopic(),
                null, message.key(), message.payload(), kafkaHeaders);
        return sender.send(Mono.just(SenderRecord.create(record, message.offset())))
                .doOnNext(result -> {
                    if (result.exception() != null) {
                        throw new IllegalStateException("Could not dead-letter " + message.topic() + "-"
                                + message.partition() + "@" + message.offset(), result.exception());
                    }
                })
                .then();
    }

    /** Broker reachability for the readiness probe. */
    Mono<Integer> clusterSize() {
        return Mono.fromCompletionStage(() -> admin.describeCluster().nodes().toCompletionStage())
                .map(java.util.Collection::size);
    }

    @Override
    public void destroy() {
        sender.close();
        admin.close(Duration.ofSeconds(5));
    }
}
