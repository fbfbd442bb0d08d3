package io.github.checkmetrics.agent;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A checks file as read and checked whole: its checks in file order and its modules by name.
 *
 * @param checks the checks, ids unique
 * @param modules the modules by name
 */
record ChecksFile(List<CheckSpec> checks, Map<String, ModuleSpec> modules) {

  ChecksFile {
    checks = List.copyOf(checks);
    modules = Map.copyOf(modules);
  }

  Optional<ModuleSpec> module(String name) {
    return Optional.ofNullable(modules.get(name));
  }

  /** The checks of one shard of this file. */
  ChecksFile shard(Shard shard) {
    return new ChecksFile(
        checks.stream().filter(check -> shard.contains(check.id())).toList(), modules);
  }
}
