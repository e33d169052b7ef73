package com.closeloop.audit;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.persistence.EntityManagerFactory;

import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.hibernate.event.spi.PostInsertEvent;
import org.hibernate.event.spi.PostInsertEventListener;
import org.hibernate.event.spi.PostUpdateEvent;
import org.hibernate.event.spi.PostUpdateEventListener;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.type.Type;
import org.springframework.stereotype.Component;

/**
 * Writes an audit entry for every insert and update of a JPA entity that is an {@link AuditedRecord}: all
 * properties on insert; on update the changed properties with their old and new values. Collections are
 * left out (their elements are audited records of their own); references to other entities are recorded by id.
 */
@Component
class HibernateAuditListener implements PostInsertEventListener, PostUpdateEventListener {

    private final EntityManagerFactory entityManagers;
    private final AuditTrail trail;

    HibernateAuditListener(EntityManagerFactory entityManagers, AuditTrail trail) {
        this.entityManagers = entityManagers;
        this.trail = trail;
    }

    @PostConstruct
    void register() {
        EventListenerRegistry registry = entityManagers.unwrap(SessionFactoryImplementor.class).getServiceRegistry()
                .getService(EventListenerRegistry.class);
        registry.appendListeners(EventType.POST_INSERT, this);
        registry.appendListeners(EventType.POST_UPDATE, this);
    }

    @Override
    public void onPostInsert(PostInsertEvent event) {
        if (event.getEntity() instanceof AuditedRecord record) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put(event.getPersister().getIdentifierPropertyName(), event.getId());
            copy(event.getPersister(), event.getState(), null, values);
            trail.record(record.auditEntity(), record.auditId(), record.auditAction(true), null, values);
        }
    }

    @Override
    public void onPostUpdate(PostUpdateEvent event) {
        if (!(event.getEntity() instanceof AuditedRecord record) || event.getOldState() == null) {
            return;
        }
        int[] dirty = event.getDirtyProperties();
        if (dirty != null && dirty.length == 0) {
            return;
        }
        Map<String, Object> before = new LinkedHashMap<>();
        Map<String, Object> after = new LinkedHashMap<>();
        copy(event.getPersister(), event.getOldState(), dirty, before);
        copy(event.getPersister(), event.getState(), dirty, after);
        if (!before.equals(after)) {
            if (!record.auditId().equals(String.valueOf(event.getId()))) { // e.g. a holding, filed under its employee
                before.put(event.getPersister().getIdentifierPropertyName(), event.getId());
                after.put(event.getPersister().getIdentifierPropertyName(), event.getId());
            }
            trail.record(record.auditEntity(), record.auditId(), record.auditAction(false), before, after);
        }
    }

    private static void copy(EntityPersister persister, Object[] state, int[] only, Map<String, Object> into) {
        String[] names = persister.getPropertyNames();
        Type[] types = persister.getPropertyTypes();
        if (only == null) {
            for (int i = 0; i < names.length; i++) {
                put(names[i], types[i], state[i], into);
            }
        } else {
            for (int i : only) {
                put(names[i], types[i], state[i], into);
            }
        }
    }

    private static void put(String name, Type type, Object value, Map<String, Object> into) {
        if (type.isCollectionType()) {
            return;
        }
        into.put(name, value instanceof AuditedRecord other ? other.auditId() : value);
    }

    @Override
    public boolean requiresPostCommitHandling(EntityPersister persister) {
        return false;
    }
}
