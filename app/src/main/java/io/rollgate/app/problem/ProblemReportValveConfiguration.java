package io.rollgate.app.problem;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Tomcat reports the requests it refuses itself as problems ({@link ProblemReportValve}). */
@Configuration(proxyBeanMethods = false)
class ProblemReportValveConfiguration {

  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReports(ProblemWriter problems) {
    return new ProblemReports(problems);
  }

  /**
   * Runs after Spring Boot's own customizer, which adds Tomcat's HTML report valve to the host:
   * that one is replaced, and the host told not to add another when it starts.
   */
  private record ProblemReports(ProblemWriter problems)
      implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
      factory.addContextCustomizers(
          context -> {
            StandardHost host = (StandardHost) context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
              if (valve instanceof ErrorReportValve) {
                host.getPipeline().removeValve(valve);
              }
            }
            host.setErrorReportValveClass(ProblemReportValve.class.getName());
            host.getPipeline().addValve(new ProblemReportValve(problems));
          });
    }

    @Override
    public int getOrder() {
      return Ordered.LOWEST_PRECEDENCE;
    }
  }
}
