package dev.turnout.internal.engine;

import dev.turnout.internal.catalog.Catalog.Flag;

final class FlagdCompiler {
  private FlagdCompiler() {}

  static CompiledFlag compile(Flag flag, Compiler.OutcomeFactory out) {
    throw new UnsupportedOperationException();
  }
}
