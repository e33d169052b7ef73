package com.closeloop.capa;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code GET /api/capas/{capaId}}: the CAPA, its training actions with their evidence, and the closure check (SPEC §4). */
@RestController
class CapaController {

    private final CapaViews views;

    CapaController(CapaViews views) {
        this.views = views;
    }

    @GetMapping("/api/capas/{capaId}")
    CapaViews.CapaView capa(@PathVariable String capaId) {
        return views.find(capaId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "unknown CAPA '" + capaId + "'"));
    }
}
