package io.rollgate.app.release;

import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** PostgreSQL's {@code LISTEN/NOTIFY} when the database is PostgreSQL, otherwise in-process. */
@Configuration(proxyBeanMethods = false)
class GateSignalsConfiguration {

  @Bean
  GateSignals gateSignals(DataSource dataSource, DataSourceProperties properties) {
    String url = properties.determineUrl();
    if (url != null && url.startsWith("jdbc:postgresql:")) {
      return new PostgresGateSignals(dataSource);
    }
    return new InProcessGateSignals();
  }
}
