package dev.turnout.spring.servlet;

import dev.turnout.EvaluationContext;
import dev.turnout.Turnout;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Callable;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;

/** A servlet application with basic-auth users, whose endpoints answer what Turnout sees on their thread. */
@SpringBootApplication(proxyBeanMethods = false)
public class ServletApp {

  /** What a request sees: its thread, the bound targeting key and tenant, and three flags. */
  static String seen() {
    EvaluationContext c = Turnout.currentContext();
    return "key=" + c.targetingKey() + " tenant=" + c.get("tenant") + " beta=" + Turnout.isEnabled("beta")
        + " flow=" + Turnout.variant("checkout-flow") + " thread=" + Thread.currentThread().getName();
  }

  @RestController
  static class Probe {

    @GetMapping("/seen")
    String seen() {
      return ServletApp.seen();
    }

    @GetMapping("/boom")
    String boom() {
      throw new IllegalStateException("boom");
    }

    /** Leaves a binding open, as a careless handler might: the request's end ends it. */
    @GetMapping("/leave-open")
    @SuppressWarnings("resource")
    String leaveOpen() {
      Turnout.bind(EvaluationContext.of("left-open"));
      return ServletApp.seen();
    }

    @GetMapping("/async")
    Callable<String> async() {
      return ServletApp::seen;
    }
  }

  /** Sets the request attribute "tenant" from a header, as an application's own filter might. */
  @Bean
  FilterRegistrationBean<OncePerRequestFilter> tenantFilter() {
    FilterRegistrationBean<OncePerRequestFilter> r = new FilterRegistrationBean<>(new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        if (request.getHeader("X-Tenant") != null) {
          request.setAttribute("tenant", request.getHeader("X-Tenant"));
        }
        chain.doFilter(request, response);
      }
    });
    r.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return r;
  }
}
