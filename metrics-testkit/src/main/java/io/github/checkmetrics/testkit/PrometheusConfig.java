package io.github.checkmetrics.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a {@link PrometheusServer.Builder} collected, and its rendering as {@code prometheus.yml}.
 *
 * @param selfJobName name of the job that scrapes the server itself, or null for none
 * @param rawScrapeConfigs YAML sequence of extra {@code scrape_configs} entries, or null
 * @param ruleFiles rule file name to its YAML content, in order
 * @param features values for {@code --enable-feature}
 */
record PrometheusConfig(Duration scrapeInterval, Duration evaluationInterval,
    List<ScrapeJob> scrapeJobs, String selfJobName, String rawScrapeConfigs,
    Map<String, String> ruleFiles, List<String> features, Duration startTimeout) {

  /**
   * Renders the configuration file.
   *
   * @param selfAddress the server's own {@code 127.0.0.1:port}
   * @param ruleDirectory the directory the rule files are written to
   */
  String render(String selfAddress, Path ruleDirectory) {
    StringBuilder yaml = new StringBuilder();
    yaml.append("# Written by checkmetrics' PrometheusServer test kit.\n")
        .append("global:\n")
        .append("  scrape_interval: ").append(ScrapeJob.duration(scrapeInterval)).append('\n')
        .append("  evaluation_interval: ").append(ScrapeJob.duration(evaluationInterval))
        .append('\n');
    if (!ruleFiles.isEmpty()) {
      yaml.append("rule_files:\n");
      ruleFiles.keySet().forEach(name -> yaml.append("  - ")
          .append(ScrapeJob.yamlString(ruleDirectory.resolve(name).toString())).append('\n'));
    }
    yaml.append("scrape_configs:");
    if (selfJobName == null && scrapeJobs.isEmpty() && rawScrapeConfigs == null) {
      return yaml.append(" []\n").toString();
    }
    yaml.append('\n');
    if (selfJobName != null) {
      yaml.append(ScrapeJob.builder(selfJobName).target(selfAddress).build().toYaml());
    }
    scrapeJobs.forEach(job -> yaml.append(job.toYaml()));
    if (rawScrapeConfigs != null) {
      // Indenting every line keeps the caller's own indentation consistent inside the sequence.
      rawScrapeConfigs.lines().forEach(line -> yaml.append(line.isBlank() ? "" : "  " + line)
          .append('\n'));
    }
    return yaml.toString();
  }
}
