package io.leadsuite.imports;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ImportWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(ImportWorkerApplication.class, args);
    }
}
