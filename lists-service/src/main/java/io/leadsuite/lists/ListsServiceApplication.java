package io.leadsuite.lists;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ListsServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ListsServiceApplication.class, args);
    }
}
