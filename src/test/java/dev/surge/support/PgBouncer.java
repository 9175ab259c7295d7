package dev.surge.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PgBouncer process for the tests, in transaction pooling mode in front of the test PostgreSQL, set up the way
 * docs/operations.md ("PostgreSQL through PgBouncer") says: {@code ignore_startup_parameters = extra_float_digits}
 * and the statement timeout given by {@code connect_query}. Its files live in a temporary directory; it listens on a
 * free loopback port. Absent binary: the test is skipped, unless {@code SURGE_PGBOUNCER_TESTS=required} (CI).
 */
public final class PgBouncer implements AutoCloseable {

    private static final List<String> BINARIES = List.of("/usr/sbin/pgbouncer", "/usr/bin/pgbouncer",
            "/usr/local/bin/pgbouncer");

    private final Process process;
    private final Path directory;
    private final int port;

    private PgBouncer(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    /**
     * Starts PgBouncer in front of {@code host:port}: each name of {@code databases} is an alias of the database
     * {@code target} with that many server connections at most.
     */
    public static PgBouncer start(String host, int port, String target, String user, Map<String, Integer> databases,
            Duration statementTimeout) {
        String binary = BINARIES.stream().filter(path -> Files.isExecutable(Path.of(path))).findFirst().orElse(null);
        if (binary == null) {
            if ("required".equals(System.getenv("SURGE_PGBOUNCER_TESTS"))) {
                throw new IllegalStateException("SURGE_PGBOUNCER_TESTS=required but no pgbouncer binary in " + BINARIES
                        + " (apt-get install pgbouncer)");
            }
            Assumptions.abort("pgbouncer is not installed (apt-get install pgbouncer; CI requires it)");
        }
        try {
            int listen = freePort();
            Path directory = Files.createTempDirectory("surge-pgbouncer");
            StringBuilder ini = new StringBuilder("[databases]\n");
            databases.forEach((alias, poolSize) -> ini.append(alias).append(" = host=").append(host)
                    .append(" port=").append(port).append(" dbname=").append(target).append(" pool_size=").append(poolSize)
                    .append(" connect_query='SET statement_timeout = ").append(statementTimeout.toMillis()).append("'\n"));
            ini.append("""
                    [pgbouncer]
                    listen_addr = 127.0.0.1
                    listen_port = %d
                    unix_socket_dir =
                    auth_type = trust
                    auth_file = %s
                    pool_mode = transaction
                    max_client_conn = 500
                    default_pool_size = 4
                    ignore_startup_parameters = extra_float_digits
                    admin_users = %s
                    stats_users = %s
                    """.formatted(listen, directory.resolve("userlist.txt"), user, user));
            Files.writeString(directory.resolve("pgbouncer.ini"), ini);
            Files.writeString(directory.resolve("userlist.txt"), "\"" + user + "\" \"\"\n");
            // PgBouncer refuses to run as root; -u drops to an unprivileged user, who must read these files.
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            List<String> command = new ArrayList<>(List.of(binary));
            if ("root".equals(System.getProperty("user.name"))) {
                command.addAll(List.of("-u", "postgres"));
            }
            command.add(directory.resolve("pgbouncer.ini").toString());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(directory.resolve("pgbouncer.log").toFile()).start();
            PgBouncer bouncer = new PgBouncer(process, directory, listen);
            bouncer.awaitListening();
            return bouncer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /**
     * PgBouncer's {@code total_xact_count} of {@code database}, from its admin console through psql (the console takes
     * simple queries only, and pgjdbc's start-up {@code SET} is refused there).
     */
    public long transactions(String database, String user) {
        try {
            Process psql = new ProcessBuilder("psql", "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", user,
                    "-d", "pgbouncer", "-w", "-A", "-F", "|", "-c", "SHOW STATS").redirectErrorStream(true).start();
            List<String> lines = new String(psql.getInputStream().readAllBytes()).lines().toList();
            if (psql.waitFor() != 0 || lines.isEmpty()) {
                throw new IllegalStateException("psql SHOW STATS failed: " + lines);
            }
            List<String> header = List.of(lines.get(0).split("\\|"));
            int column = header.indexOf("total_xact_count");
            return lines.stream().skip(1).map(line -> line.split("\\|")).filter(row -> row[0].equals(database))
                    .mapToLong(row -> Long.parseLong(row[column])).findFirst().orElse(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What PgBouncer wrote (its log goes to a file of its temporary directory). */
    public String log() {
        try {
            return Files.readString(directory.resolve("pgbouncer.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private void awaitListening() {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("pgbouncer exited with " + process.exitValue() + ":\n" + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        close();
        throw new IllegalStateException("pgbouncer did not listen on " + port + " within 20 s:\n" + log());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
