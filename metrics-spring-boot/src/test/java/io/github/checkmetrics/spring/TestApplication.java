package io.github.checkmetrics.spring;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * A small Spring Boot application as users write one: web MVC on Tomcat, Actuator, Micrometer's
 * Prometheus registry (all on the test class path), and two health indicators of its own. No
 * component scan: the test classes beside it stay out of it.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class TestApplication {

  /** Health contributor {@code ordersDb}: a database the test switches up and down. */
  @Bean
  SwitchableHealthIndicator ordersDbHealthIndicator() {
    return new SwitchableHealthIndicator();
  }

  /** Health contributor {@code slow}: hangs whenever checkmetrics' runner calls it. */
  @Bean
  HangingForRunnerHealthIndicator slowHealthIndicator() {
    return new HangingForRunnerHealthIndicator();
  }

  /** An indicator whose health the test sets. */
  static final class SwitchableHealthIndicator implements HealthIndicator {
    private volatile Health health = Health.up().build();

    void set(Health health) {
      this.health = health;
    }

    @Override
    public Health health() {
      return health;
    }
  }

  /**
   * An indicator that hangs (until interrupted, at most 60 s) when called from a checkmetrics
   * runner thread, and answers UP at once to anyone else (Actuator's {@code /actuator/health}).
   */
  static final class HangingForRunnerHealthIndicator implements HealthIndicator {
    static final Duration MAX_HANG = Duration.ofSeconds(60);
    final CountDownLatch runnerEntered = new CountDownLatch(1);

    @Override
    public Health health() {
      if (Thread.currentThread().getName().startsWith("checkmetrics-runner")) {
        runnerEntered.countDown();
        try {
          new CountDownLatch(1).await(MAX_HANG.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return Health.up().build();
    }
  }
}
