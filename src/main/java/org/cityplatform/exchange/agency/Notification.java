package org.cityplatform.exchange.agency;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A message to an agency (or the center) about something that concerns it. */
@Entity
@Table(name = "notifications")
public class Notification {

    /** The recipient that stands for the Big Data Management Center. */
    public static final String CENTER = "CENTER";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String recipient;

    public String kind;

    public String subject;

    public String message;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
