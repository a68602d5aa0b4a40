package io.leadsuite.leads;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class LeadsServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(LeadsServiceApplication.class, args);
    }
}
