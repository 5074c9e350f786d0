package dev.turnout.spring.internal;

import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Spring MVC's async support: the binding carried to the threads that run a handler's {@code Callable}. */
public final class MvcAsync {

  private MvcAsync() {}

  /** Registers the interceptor that binds around each {@code Callable}. */
  public static WebMvcConfigurer configurer() {
    return new WebMvcConfigurer() {
      @Override
      public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
        configurer.registerCallableInterceptors(new AsyncBinding());
      }
    };
  }
}
