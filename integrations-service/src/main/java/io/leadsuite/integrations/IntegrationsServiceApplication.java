package io.leadsuite.integrations;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class IntegrationsServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(IntegrationsServiceApplication.class, args);
    }
}
