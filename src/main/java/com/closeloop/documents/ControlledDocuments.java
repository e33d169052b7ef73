package com.closeloop.documents;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ControlledDocuments extends JpaRepository<ControlledDocument, String> {
}
