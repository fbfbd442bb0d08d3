package io.github.checkmetrics.agent;

import io.github.checkmetrics.exposition.EndpointConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** One in-process run of {@link Agent#run}: its exit code and what it printed. */
record AgentRun(int exitCode, String out, String err) {

  /** Runs the agent with {@code args}, bound to loopback on a free port, over {@code env}. */
  static AgentRun serve(List<String> args, Map<String, String> env, Consumer<Agent> whileRunning) {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of("--host", "127.0.0.1", "--port", "0"));
    return run(all, env, whileRunning);
  }

  static AgentRun run(List<String> args, Map<String, String> env, Consumer<Agent> whileRunning) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code =
          Agent.run(
              args.toArray(String[]::new),
              EndpointConfig.loader().environment(env),
              env,
              o,
              e,
              whileRunning);
    }
    return new AgentRun(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The base URL of a running agent, such as {@code http://127.0.0.1:40000}. */
  static String base(Agent agent) {
    return "http://127.0.0.1:" + agent.port();
  }
}
