package io.github.checkmetrics.agent;

import java.time.Duration;

/**
 * A module of the checks file: a probe template without a target, run by {@code /probe} against
 * the target Prometheus names, as blackbox_exporter's modules are.
 *
 * @param name the module's key in the file
 * @param type the {@code check_type} of its results
 * @param timeout the longest a probe may take, further bounded by the scrape's own timeout; null
 *     for ScheduledCheck's default timeout
 * @param region the region of its results (the file's default region), or null for the agent's
 * @param http the probe options; its URL is null
 */
record ModuleSpec(String name, String type, Duration timeout, String region, ProbeSpec.Http http) {}
