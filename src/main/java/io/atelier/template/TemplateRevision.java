package io.atelier.template;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * One exact revision of a template, recorded the first time the server loads it. Labs
 * refer to the revision they were started from, so that a later edit of the files never
 * changes what a past lab was graded against.
 */
@Entity
@Table(name = "template_revision")
public class TemplateRevision extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "template_id", nullable = false)
    public String templateId;

    @Column(nullable = false)
    public int version;

    /** SHA-256 of every file of the template folder. */
    @Column(name = "content_hash", nullable = false)
    public String contentHash;

    /** The template.yaml of this revision, as written by its author. */
    @Column(name = "template_yaml", nullable = false)
    public String templateYaml;

    @Column(name = "first_seen", nullable = false)
    public OffsetDateTime firstSeen;
}
