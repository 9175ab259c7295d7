# Build:  docker build -t surge .      Run: docker run -p 8080:8080 --env-file .env surge
# (docker-compose.yml builds and wires it with PostgreSQL, Redis and Kafka.)

FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
# Dependencies first, in their own layer, so editing src/ does not download them again.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
RUN chmod +x mvnw && ./mvnw -B -q dependency:go-offline
COPY src/ src/
RUN ./mvnw -B -DskipTests package \
 && cp target/surge-0.1.0-SNAPSHOT.jar /build/app.jar

FROM eclipse-temurin:17-jre
# Fixed non-root uid/gid so mounted volumes and security policies can refer to it.
RUN groupadd --system --gid 10001 surge \
 && useradd --system --uid 10001 --gid surge --home-dir /app --no-create-home --shell /usr/sbin/nologin surge
WORKDIR /app
# The writable places: uploaded product images with local storage (SURGE_MEDIA_DIR), and a generated signing key
# when no SURGE_JWT_SIGNING_KEY is given (the Compose demo, surge.security.jwt.dev-key-file); mount volumes here.
RUN mkdir -p /var/lib/surge/media /var/lib/surge/keys && chown surge:surge /var/lib/surge/media /var/lib/surge/keys
# Owned by root and read-only for the service user.
COPY --from=build /build/app.jar /app/app.jar
USER surge
ENV JAVA_OPTS="" \
    SERVER_PORT=8080 \
    SURGE_MEDIA_DIR=/var/lib/surge/media
# 8081: the management port (health, info, metrics) when SURGE_MANAGEMENT_PORT=8081, as in docker-compose.yml.
EXPOSE 8080 8081
# Shell form for $JAVA_OPTS; exec so java gets the stop signal. Extra arguments go to the app.
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/app.jar \"$@\"", "surge"]
