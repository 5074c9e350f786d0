package dev.turnout.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class AgentLogTest {

  @Test
  void linesAreWrittenInOrderByADaemonThreadThatKeepsNoApplicationClassLoader() throws Exception {
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    List<Thread> writers = Collections.synchronizedList(new ArrayList<>());
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord r) {
        if (r.getMessage().startsWith("AgentLogTest ")) {
          lines.add(r.getMessage());
          writers.add(Thread.currentThread());
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger.getLogger("dev.turnout").addHandler(capture);
    try {
      // Queued from a thread whose context class loader is an application's (the test's own).
      Thread application = new Thread(() -> {
        for (int i = 0; i < 100; i++) {
          AgentLog.info("AgentLogTest " + i);
        }
      });
      application.setContextClassLoader(getClass().getClassLoader());
      application.start();
      application.join();
      assertThat(AgentLog.awaitWritten(10_000)).isTrue();
    } finally {
      Logger.getLogger("dev.turnout").removeHandler(capture);
    }

    assertThat(lines).hasSize(100);
    for (int i = 0; i < 100; i++) {
      assertThat(lines.get(i)).isEqualTo("AgentLogTest " + i);
    }
    Thread writer = writers.get(0);
    assertThat(writers).allSatisfy(t -> assertThat(t).isSameAs(writer));
    assertThat(writer.getName()).isEqualTo("turnout-agent-log");
    assertThat(writer.isDaemon()).isTrue();
    assertThat(writer.getContextClassLoader()).isNull();
  }
}
