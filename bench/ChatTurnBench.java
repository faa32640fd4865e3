import com.sun.net.httpserver.HttpServer;
import io.autoanalyst.AutoAnalystApplication;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chat-turn server overhead with an instant fake model (bench/README.md, "Chat-turn overhead").
 *
 * <p>An OpenAI-compatible server on loopback (the JDK's HttpServer, in this process) answers the planner
 * with a one-step plan and the agent with a fixed script at once. Every turn's query carries a tag that the
 * fake finds in each call's body, so it can add up the time it spent on that turn's calls (the model's
 * time). The script prints the kernel's wall clock when it starts and ends (the kernel's time) and whether
 * the kernel is new to the session. Client, kernel and fake read the same clock (CLOCK_REALTIME).
 *
 * <p>Per turn: wall = send to last stream line at the client; kernel = the script's own run; model = the
 * fake's time; kernel wait = the time from the last agent line to the script's start, counted only when
 * the turn waited in the kernel queue (a queue line) or got a new kernel (evicted for another session):
 * that is queueing and kernel start-up, not overhead; overhead = wall - model - kernel - kernel wait.
 *
 * <p>Usage: {@code bench/run-chat-bench.sh [--quick]}; prints a table and {@code RESULT {json}} lines.
 */
public class ChatTurnBench {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Pattern TAG = Pattern.compile("\\[bench (s\\d+t\\d+)\\]");
    static final Pattern KERNEL = Pattern.compile("BENCH_KERNEL (\\d+\\.\\d+) (\\d+\\.\\d+) (\\w+)");
    static final Map<String, AtomicLong> MODEL_MICROS = new ConcurrentHashMap<>();

    /** The agent's code: a group-by and a Plotly histogram of the sample dataset, timed inside the kernel. */
    static final String CODE = String.join("\n",
            "import time as _bench_time",
            "_bench_t0 = _bench_time.time()",
            "_bench_fresh = '_bench_seen' not in globals()",
            "_bench_seen = True",
            "import plotly.express as px",
            "print(df.groupby('bedrooms')['price'].mean().round(2).to_string())",
            "fig = px.histogram(df, x='price')",
            "fig.show()",
            "print('BENCH_KERNEL %.6f %.6f %s' % (_bench_t0, _bench_time.time(), 'fresh' if _bench_fresh else 'warm'))");

    record Turn(int level, double wallMs, double modelMs, double kernelMs, double waitMs, boolean waited, boolean ok) {
        double overheadMs() {
            return wallMs - modelMs - kernelMs - waitMs;
        }
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        // turns per session at each level of concurrent sessions
        int[][] levels = quick ? new int[][] {{1, 15}, {8, 3}, {64, 1}} : new int[][] {{1, 60}, {8, 12}, {64, 3}};
        String only = System.getenv("BENCH_LEVELS"); // e.g. "1:200" to profile one level: sessions:turns,...
        if (only != null) {
            levels = java.util.Arrays.stream(only.split(",")).map(l -> l.split(":"))
                    .map(l -> new int[] {Integer.parseInt(l[0]), Integer.parseInt(l[1])}).toArray(int[][]::new);
        }
        HttpServer fake = fakeOpenAi();
        Path dir = Files.createTempDirectory("chat-bench");
        String[] settings = {"--server.port=0", "--autoanalyst.database.url=jdbc:sqlite:" + dir.resolve("bench.db"),
                "--autoanalyst.database.data-dir=" + dir, "--autoanalyst.kernel.uid-base=1910000000",
                "--autoanalyst.kernel.work-root=" + dir.resolve("kernels"),
                "--autoanalyst.llm.openai.api-key=sk-bench", "--autoanalyst.llm.openai.base-url=http://127.0.0.1:" + fake.getAddress().getPort() + "/v1",
                "--autoanalyst.llm.default-model=gpt-5-mini", "--autoanalyst.llm.retry.max-attempts=1",
                // the server logs as it does in production (INFO), into a file instead of this benchmark's output
                "--logging.file.name=" + dir.resolve("server.log"), "--logging.threshold.console=OFF"};
        ConfigurableApplicationContext server = new SpringApplicationBuilder(AutoAnalystApplication.class).run(settings);
        try (HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build()) {
            String base = "http://127.0.0.1:" + ((WebServerApplicationContext) server).getWebServer().getPort();
            // JIT warm-up: turns in one session, not counted. After 10 turns the JIT compiler threads still used
            // half the process's CPU per turn (/proc/<pid>/task), which would count as overhead here.
            String warm = session(http, base);
            int warmUp = Integer.parseInt(System.getenv().getOrDefault("BENCH_WARMUP", quick ? "100" : "300"));
            for (int t = 0; t < warmUp; t++) turn(http, base, warm, 0, "s0t" + t);
            System.out.printf(Locale.ROOT, "%-9s %6s %7s %11s %11s %10s %10s %13s %13s %11s %8s%n", "sessions", "turns", "errors",
                    "wall p50", "kernel p50", "model p50", "waited", "overhead p50", "overhead p99", "overhead %", "JVM CPU/turn");
            Map<Integer, List<Turn>> byLevel = new java.util.LinkedHashMap<>();
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            for (int[] level : levels) {
                long cpu0 = os.getProcessCpuTime();
                List<Turn> turns = runLevel(http, base, level[0], level[1]);
                // CPU of this whole process (server, fake model, client) per turn: an upper bound of the server's own work,
                // to tell it from time spent waiting for a core on a loaded machine
                double cpuPerTurn = (os.getProcessCpuTime() - cpu0) / 1e6 / turns.size();
                byLevel.put(level[0], turns);
                List<Turn> ok = turns.stream().filter(Turn::ok).toList();
                System.out.printf(Locale.ROOT, "%-9d %6d %7d %8.1f ms %8.1f ms %7.2f ms %10d %10.2f ms %10.2f ms %10.1f %% %9.1f ms%n", level[0], turns.size(),
                        turns.size() - ok.size(), pct(ok, Turn::wallMs, 50), pct(ok, Turn::kernelMs, 50), pct(ok, Turn::modelMs, 50),
                        ok.stream().filter(Turn::waited).count(), pct(ok, Turn::overheadMs, 50), pct(ok, Turn::overheadMs, 99), overheadPercent(ok), cpuPerTurn);
            }
            if (!byLevel.containsKey(1)) return;
            List<Turn> one = byLevel.get(1).stream().filter(Turn::ok).toList();
            double wall = pct(one, Turn::wallMs, 50);
            double floor = pct(one, t -> t.kernelMs() + t.modelMs(), 50);
            result("chat turn wall vs kernel+model, 1 session (p50)", wall, floor, "ms", "overhead < 5% of the turn (ratio <= 1.053)",
                    wall / floor <= 1 / 0.95, String.format(Locale.ROOT, "overhead %.1f%% of the turn", overheadPercent(one)));
            double p99at1 = pct(one, Turn::overheadMs, 99);
            for (int[] level : levels) {
                if (level[0] == 1) continue;
                List<Turn> ok = byLevel.get(level[0]).stream().filter(Turn::ok).toList();
                int errors = byLevel.get(level[0]).size() - ok.size();
                double p99 = pct(ok, Turn::overheadMs, 99);
                result("chat overhead p99, " + level[0] + " sessions vs 1", p99, p99at1, "ms", "p99 flat: <= 2x the 1-session p99, no errors",
                        errors == 0 && p99 <= 2 * p99at1, String.format(Locale.ROOT, "p50 %.2f ms, %.1f%% of turns; %d of %d turns waited for a kernel; %d errors",
                                pct(ok, Turn::overheadMs, 50), overheadPercent(ok), ok.stream().filter(Turn::waited).count(), ok.size(), errors));
            }
        } finally {
            server.close();
            fake.stop(0);
        }
    }

    static List<Turn> runLevel(HttpClient http, String base, int sessions, int turnsEach) throws Exception {
        List<Turn> turns = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int s = 0; s < sessions; s++) {
                int n = s;
                running.add(pool.submit(() -> {
                    String session = session(http, base);
                    for (int t = 0; t < turnsEach; t++) turns.add(turn(http, base, session, sessions, "s" + (sessions * 1000 + n) + "t" + t));
                    return null;
                }));
            }
            for (Future<?> f : running) f.get();
        }
        return turns;
    }

    static String session(HttpClient http, String base) throws Exception {
        String id = "auto_" + System.currentTimeMillis() + "_" + Long.toString(Math.abs(new java.util.Random().nextLong()), 36);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/settings/model")).header("X-Session-ID", id)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"provider\":\"openai\",\"model\":\"gpt-5-mini\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException("settings/model: " + r.statusCode() + " " + r.body());
        return id;
    }

    static Turn turn(HttpClient http, String base, String session, int level, String tag) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/chat")).timeout(Duration.ofMinutes(10)).header("X-Session-ID", session)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"What is the mean price by bedrooms, and how is price distributed? [bench " + tag + "]\"}"))
                .build();
        double sent = nowMicros();
        double lastAgentLine = sent;
        double firstLine = -1, execLine = -1;
        double queueLine = -1;
        String kernelLine = null;
        JsonNode last = null;
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) continue;
                double at = nowMicros();
                if (firstLine < 0) firstLine = at;
                last = JSON.readTree(line);
                String agent = last.path("agent").asString();
                if (agent.equals("queue")) {
                    if (queueLine < 0) queueLine = at;
                } else if (agent.equals("code_execution")) {
                    kernelLine = last.path("content").asString();
                    execLine = at;
                } else if (!agent.equals("turn_complete")) {
                    lastAgentLine = at;
                }
            }
        }
        double end = nowMicros();
        double model = MODEL_MICROS.getOrDefault(tag, new AtomicLong()).get();
        Matcher k = kernelLine == null ? null : KERNEL.matcher(kernelLine);
        boolean ok = response.statusCode() == 200 && last != null && last.path("status").asString().equals("complete") && k != null && k.find();
        if (!ok) {
            System.out.println("turn " + tag + " failed: " + response.statusCode() + " " + last);
            return new Turn(level, (end - sent) / 1000, model / 1000, 0, 0, false, false);
        }
        double kStart = Double.parseDouble(k.group(1)) * 1e6;
        double kEnd = Double.parseDouble(k.group(2)) * 1e6;
        if (System.getenv("BENCH_TRACE") != null) {
            System.out.printf(Locale.ROOT, "trace %s: first line %.1f, last agent line +%.1f, kernel start +%.1f, kernel end +%.1f, execution line +%.1f, end +%.1f ms%n",
                    tag, (firstLine - sent) / 1000, (lastAgentLine - firstLine) / 1000, (kStart - lastAgentLine) / 1000, (kEnd - kStart) / 1000,
                    (execLine - kEnd) / 1000, (end - execLine) / 1000);
        }
        boolean waited = queueLine >= 0 || k.group(3).equals("fresh");
        double wait = waited ? Math.max(0, kStart - lastAgentLine) : 0;
        return new Turn(level, (end - sent) / 1000, model / 1000, (kEnd - kStart) / 1000, wait / 1000, waited, true);
    }

    static double nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1e6 + now.getNano() / 1e3;
    }

    /** The fake model: the planner gets a one-step plan, the agent the script above, both at once. */
    static HttpServer fakeOpenAi() throws Exception {
        String plan = JSON.writeValueAsString(Map.of("complexity", "basic", "plan", "statistical_analytics_agent",
                "plan_instructions", JSON.writeValueAsString(Map.of("statistical_analytics_agent",
                        Map.of("create", List.of("fig"), "use", List.of("df"), "instruction", "mean price by bedrooms and a histogram")))));
        String agent = JSON.writeValueAsString(Map.of("code", CODE, "summary", "- mean price by bedrooms\n- histogram of price"));
        byte[] planBody = completion(plan);
        byte[] agentBody = completion(agent);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", exchange -> {
            double start = nowMicros();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            byte[] answer = body.contains("You plan how a team") ? planBody : agentBody;
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
            Matcher tag = TAG.matcher(body);
            if (tag.find()) MODEL_MICROS.computeIfAbsent(tag.group(1), t -> new AtomicLong()).addAndGet((long) (nowMicros() - start));
        });
        server.start();
        return server;
    }

    static byte[] completion(String content) {
        return JSON.writeValueAsBytes(Map.of("id", "chatcmpl-bench", "object", "chat.completion", "created", 1760000000,
                "model", "gpt-5-mini", "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
                        "message", Map.of("role", "assistant", "content", content))),
                "usage", Map.of("prompt_tokens", 120, "completion_tokens", 40, "total_tokens", 160)));
    }

    static double pct(List<Turn> turns, java.util.function.ToDoubleFunction<Turn> f, int p) {
        if (turns.isEmpty()) return Double.NaN;
        double[] v = turns.stream().mapToDouble(f).sorted().toArray();
        return v[Math.min(v.length - 1, (int) Math.ceil(p / 100.0 * v.length) - 1)];
    }

    /** Overhead as a share of the turns' time outside the kernel queue. */
    static double overheadPercent(List<Turn> turns) {
        double overhead = turns.stream().mapToDouble(Turn::overheadMs).sum();
        double time = turns.stream().mapToDouble(t -> t.wallMs() - t.waitMs()).sum();
        return 100 * overhead / time;
    }

    /** One machine-readable line for bench/run: metric, ours, baseline, unit, target, pass, note. */
    static void result(String metric, double ours, double baseline, String unit, String target, boolean pass, String note) {
        Map<String, Object> r = new java.util.LinkedHashMap<>();
        r.put("bench", "chat");
        r.put("metric", metric);
        r.put("ours", Math.round(ours * 100) / 100.0);
        r.put("baseline", Math.round(baseline * 100) / 100.0);
        r.put("unit", unit);
        r.put("target", target);
        r.put("pass", pass);
        r.put("note", note);
        System.out.println("RESULT " + JSON.writeValueAsString(r));
    }
}
