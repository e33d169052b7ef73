package com.closeloop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CloseloopApplication {

    public static void main(String[] args) {
        SpringApplication.run(CloseloopApplication.class, args);
    }
}
