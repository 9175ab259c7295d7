import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes the one-page summary of a {@code loadtest/run.sh} run: {@code java RunSummary.java <run dir>}.
 *
 * <p>Reads {@code <run dir>/run.properties} (machine, server, command line), and for each simulation
 * {@code <run dir>/<name>.properties} (written by run.sh: class, command, exit code, times, load), its
 * console log {@code <name>.log} (assertion results, errors) and its Gatling report {@code
 * reports/<dir>/index.html} (the statistics table: Gatling 3.15 keeps no {@code stats.json}, and its
 * {@code simulation.log} is binary). Writes {@code <run dir>/summary.md}. Only the JDK is needed.
 */
public class RunSummary {

  // Columns of Gatling's statistics table.
  static final int TOTAL = 2, KO = 4, KO_PERCENT = 5, RPS = 6, P50 = 8, P95 = 10, P99 = 11, MAX = 12;

  static final Pattern ROW = Pattern.compile(
      "<tr id=\"([^\"]+)\"\\s*(?:data-parent=\"([^\"]*)\")?\\s*>(.*?)</tr>", Pattern.DOTALL);
  static final Pattern NAME = Pattern.compile("class=\"ellipsed-name\">([^<]*)<");
  static final Pattern CELL = Pattern.compile("<td class=\"value [^\"]*col-(\\d+)\">([^<]*)</td>");
  static final Pattern ASSERTION = Pattern.compile("^(.+?) : (true|false) \\((.*)\\)\\s*$");

  public static void main(String[] args) throws IOException {
    Path run = Path.of(args[0]);
    Properties meta = load(run.resolve("run.properties"));
    StringBuilder md = new StringBuilder();
    md.append("# Load-test run ").append(meta.getProperty("started", "?")).append("\n\n");
    md.append("| | |\n|---|---|\n");
    row(md, "Target", meta.getProperty("baseUrl"));
    row(md, "Server", meta.getProperty("server"));
    row(md, "Commit", meta.getProperty("commit"));
    row(md, "Machine", meta.getProperty("machine"));
    row(md, "Java", meta.getProperty("java"));
    row(md, "Catalog seeding", meta.getProperty("seeding"));
    row(md, "Command", "`" + meta.getProperty("command", "") + "`");
    md.append('\n');

    List<String> names = List.of(meta.getProperty("simulations", "").trim().split("\\s+"));
    md.append("| Simulation | Result | Requests | Req/s | p50 ms | p95 ms | p99 ms | KO | Load avg before → after |\n");
    md.append("|---|---|---|---|---|---|---|---|---|\n");
    Map<String, Sim> sims = new LinkedHashMap<>();
    for (String name : names) {
      if (name.isEmpty()) {
        continue;
      }
      Sim sim = Sim.read(run, name);
      sims.put(name, sim);
      Map<String, String> all = sim.rows.isEmpty() ? Map.of() : sim.rows.get(0).cells;
      md.append("| [").append(name).append("](#").append(name).append(") | ").append(sim.result()).append(" | ")
          .append(all.getOrDefault("" + TOTAL, "-")).append(" | ").append(all.getOrDefault("" + RPS, "-"))
          .append(" | ").append(all.getOrDefault("" + P50, "-")).append(" | ").append(all.getOrDefault("" + P95, "-"))
          .append(" | ").append(all.getOrDefault("" + P99, "-")).append(" | ").append(all.getOrDefault("" + KO, "-"))
          .append(" | ").append(sim.meta.getProperty("loadBefore", "?")).append(" → ")
          .append(sim.meta.getProperty("loadAfter", "?")).append(" |\n");
    }
    md.append('\n');

    for (Map.Entry<String, Sim> entry : sims.entrySet()) {
      Sim sim = entry.getValue();
      md.append("## ").append(entry.getKey()).append("\n\n");
      md.append("`").append(sim.meta.getProperty("class", "?")).append("`: ").append(sim.result())
          .append(", ").append(sim.meta.getProperty("seconds", "?")).append(" s. Report: `")
          .append(sim.meta.getProperty("report", "none")).append("`\n\n");
      md.append("```\n").append(sim.meta.getProperty("command", "")).append("\n```\n\n");
      if (!sim.rows.isEmpty()) {
        md.append("| Request | n | KO | KO % | req/s | p50 ms | p95 ms | p99 ms | max ms |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : sim.rows) {
          md.append("| ").append(r.name).append(" | ").append(r.get(TOTAL)).append(" | ").append(r.get(KO))
              .append(" | ").append(r.get(KO_PERCENT)).append(" | ").append(r.get(RPS)).append(" | ")
              .append(r.get(P50)).append(" | ").append(r.get(P95)).append(" | ").append(r.get(P99)).append(" | ")
              .append(r.get(MAX)).append(" |\n");
        }
        md.append('\n');
      }
      if (!sim.assertions.isEmpty()) {
        md.append("Budgets:\n\n");
        for (String[] a : sim.assertions) {
          md.append("- ").append("true".equals(a[1]) ? "met" : "**missed**").append(": ").append(a[0])
              .append(" (").append(a[2]).append(")\n");
        }
        md.append('\n');
      }
      if (!sim.errors.isEmpty()) {
        md.append("Errors:\n\n```\n");
        sim.errors.forEach(e -> md.append(e).append('\n'));
        md.append("```\n\n");
      }
      if (!sim.notes.isEmpty()) {
        sim.notes.forEach(n -> md.append("> ").append(n).append('\n'));
        md.append('\n');
      }
    }
    Files.writeString(run.resolve("summary.md"), md.toString(), StandardCharsets.UTF_8);
  }

  static void row(StringBuilder md, String key, String value) {
    if (value != null && !value.isBlank()) {
      md.append("| ").append(key).append(" | ").append(value).append(" |\n");
    }
  }

  static Properties load(Path file) throws IOException {
    Properties p = new Properties();
    if (Files.exists(file)) {
      try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(in);
      }
    }
    return p;
  }

  record Row(String name, Map<String, String> cells) {
    String get(int col) {
      return cells.getOrDefault(Integer.toString(col), "-");
    }
  }

  static final class Sim {
    Properties meta;
    List<Row> rows = new ArrayList<>();
    List<String[]> assertions = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    List<String> notes = new ArrayList<>();

    String result() {
      String exit = meta.getProperty("exit", "?");
      if ("0".equals(exit)) {
        return "PASS";
      }
      boolean missed = assertions.stream().anyMatch(a -> "false".equals(a[1]));
      return missed ? "FAIL (budget missed)" : "FAIL (exit " + exit + ")";
    }

    static Sim read(Path run, String name) throws IOException {
      Sim sim = new Sim();
      sim.meta = load(run.resolve(name + ".properties"));
      String report = sim.meta.getProperty("report", "");
      Path index = report.isEmpty() ? null : run.resolve(report).resolve("index.html");
      if (index != null && Files.exists(index)) {
        sim.rows = rows(Files.readString(index, StandardCharsets.UTF_8));
      }
      Path log = run.resolve(name + ".log");
      if (Files.exists(log)) {
        List<String> lines;
        try (Stream<String> s = Files.lines(log, StandardCharsets.UTF_8)) {
          lines = s.map(l -> l.replaceAll("\u001B\\[[0-9;]*m", "")).toList();
        }
        int global = -1;
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i);
          if (line.contains("---- Global Information")) {
            global = i;
          }
          Matcher m = ASSERTION.matcher(line);
          if (m.matches() && !line.startsWith("[")) {
            sim.assertions.add(new String[] {m.group(1), m.group(2), m.group(3)});
          }
          if (line.startsWith("Flash sale ") || line.startsWith("Webhooks: ") || line.startsWith("Checkout: ")
              || line.startsWith("Mixed: ") || line.startsWith("Cart: ")) {
            sim.notes.add(line);
          }
        }
        if (global >= 0) {
          boolean inErrors = false;
          for (int i = global; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("---- Errors")) {
              inErrors = true;
            } else if (inErrors && (line.startsWith("====") || line.startsWith("----"))) {
              break;
            } else if (inErrors && !line.isBlank()) {
              sim.errors.add(line);
            }
          }
        } else {
          // no Gatling summary: the run stopped before it (setup failure); keep the last lines
          lines.stream().filter(l -> l.contains("ERROR") || l.contains("Exception")).limit(15).forEach(sim.errors::add);
        }
      }
      return sim;
    }

    static List<Row> rows(String html) {
      Map<String, String> names = new LinkedHashMap<>();
      List<Row> rows = new ArrayList<>();
      Matcher m = ROW.matcher(html);
      while (m.find()) {
        String id = m.group(1);
        String parent = m.group(2);
        String body = m.group(3);
        Matcher n = NAME.matcher(body);
        if (!n.find()) {
          continue;
        }
        String name = unescape(n.group(1).trim());
        if (parent != null && !"ROOT".equals(parent) && names.containsKey(parent)) {
          name = names.get(parent) + " / " + name;
        }
        names.put(id, name);
        Map<String, String> cells = new LinkedHashMap<>();
        Matcher c = CELL.matcher(body);
        while (c.find()) {
          cells.put(c.group(1), c.group(2).trim());
        }
        if (!cells.isEmpty() && rows.stream().noneMatch(r -> r.name.equals(names.get(id)))) {
          rows.add(new Row("ROOT".equals(id) ? "all requests" : name, cells));
        }
      }
      return rows;
    }

    static String unescape(String s) {
      return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
          .replace("&amp;", "&");
    }
  }
}
