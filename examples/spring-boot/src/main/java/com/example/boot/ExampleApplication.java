package com.example.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot application with one health indicator of its own ({@code inventory}). With the
 * checkmetrics starter on its class path, that indicator, Boot's own ({@code diskSpace},
 * {@code ping}) and the checks of {@code application.yml} run on a schedule and appear at
 * {@code /actuator/prometheus} as {@code check_*} families.
 */
@SpringBootApplication
public class ExampleApplication {

  public static void main(String[] args) {
    SpringApplication.run(ExampleApplication.class, args);
  }

  /** Health contributor {@code inventory}: stands for a dependency the application needs. */
  @Bean
  HealthIndicator inventoryHealthIndicator() {
    return () -> Health.up().withDetail("items", 42).build();
  }
}
