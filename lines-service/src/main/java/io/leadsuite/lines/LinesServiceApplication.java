package io.leadsuite.lines;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class LinesServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(LinesServiceApplication.class, args);
    }
}
