package io.rollgate.bench.operaton;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Operaton's process engine and its REST API ({@code /engine-rest}) on the database the arguments
 * name; external-task workers reach it over REST only.
 */
@SpringBootApplication
public class OperatonServer {

  public static void main(String[] args) {
    SpringApplication.run(OperatonServer.class, args);
  }
}
