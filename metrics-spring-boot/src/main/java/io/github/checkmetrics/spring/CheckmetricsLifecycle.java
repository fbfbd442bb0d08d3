package io.github.checkmetrics.spring;

import io.github.checkmetrics.runner.CheckRunner;
import io.github.checkmetrics.runner.ScheduledCheck;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the runner once the application context is refreshed, with the checks declared in
 * properties and the health checks added then
 * (every health contributor exists by that time), and closes it when the context stops. A failure
 * to add a check fails the start of the application.
 */
final class CheckmetricsLifecycle implements SmartLifecycle {

  private final CheckRunner runner;
  private final List<ScheduledCheck> declared;
  private final ObjectProvider<HealthChecks> health;
  private volatile boolean running;

  CheckmetricsLifecycle(
      CheckRunner runner, List<ScheduledCheck> declared, ObjectProvider<HealthChecks> health) {
    this.runner = runner;
    this.declared = declared;
    this.health = health;
  }

  @Override
  public void start() {
    Set<String> ids = new TreeSet<>();
    for (ScheduledCheck check : declared) {
      ids.add(check.check().id());
      runner.add(check);
    }
    HealthChecks healthChecks = health.getIfAvailable();
    if (healthChecks != null) {
      for (ScheduledCheck check : healthChecks.scheduledChecks()) {
        String id = check.check().id();
        if (ids.contains(id)) {
          throw new CheckmetricsPropertyException(
              CheckmetricsSettings.PREFIX + "checks." + id,
              "check id \""
                  + id
                  + "\" is taken by health contributor \""
                  + check.check().name()
                  + "\": rename the check, or exclude the contributor with"
                  + " checkmetrics.health.exclude",
              null);
        }
        runner.add(check);
      }
    }
    runner.start();
    running = true;
  }

  @Override
  public void stop() {
    runner.close();
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
