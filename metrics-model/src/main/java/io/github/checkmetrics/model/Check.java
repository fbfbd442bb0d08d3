package io.github.checkmetrics.model;

import io.github.checkmetrics.model.internal.Messages;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A health check or synthetic check: what is checked, not how or when.
 *
 * <pre>{@code
 * Check check = Check.builder("db")
 *     .name("Orders database")
 *     .type("tcp")
 *     .tags("critical", "storage")
 *     .build();
 * }</pre>
 *
 * <p>The {@code id} is the stable key of the check across renames; {@code name}, {@code type} and
 * {@code tags} become label values of its series. A check may belong to a tenant (a customer of a
 * check platform): the same id in two tenants names two checks, and a tenant's own scrape ({@link
 * CheckMetrics#scrape(String, java.util.function.Predicate)}) holds its checks only. Instances are
 * immutable and thread-safe.
 */
public final class Check {

  /** The longest check id. */
  static final int MAX_ID_LENGTH = 128;
  /** The rule of a check id, also the id of a {@link CheckResult}. */
  static final Pattern ID = Pattern.compile("[a-zA-Z0-9_.:-]{1," + MAX_ID_LENGTH + "}");
  private static final Pattern TYPE = Pattern.compile("[a-zA-Z0-9_.:-]{1,64}");
  /**
   * The rule of a tenant id: safe as a URL path segment and as a label value, never {@code .} or
   * {@code ..} (it cannot start with a dot).
   */
  private static final Pattern TENANT = Pattern.compile("[a-zA-Z0-9_-][a-zA-Z0-9_.-]{0,127}");
  private static final int MAX_NAME_LENGTH = 256;
  private static final int MAX_TAG_LENGTH = 128;

  private final String tenant;
  private final String id;
  private final String name;
  private final String type;
  private final SortedSet<String> tags;
  private final boolean muted;
  private final boolean activated;

  private Check(Builder builder) {
    this.tenant = builder.tenant;
    this.id = builder.id;
    this.name = builder.name == null ? builder.id : builder.name;
    this.type = builder.type;
    this.tags = Collections.unmodifiableSortedSet(new TreeSet<>(builder.tags));
    this.muted = builder.muted;
    this.activated = builder.activated;
  }

  /**
   * Starts a check with the given id.
   *
   * @param id the stable key of the check, {@code [a-zA-Z0-9_.:-]{1,128}}
   * @return a builder; {@code name} defaults to the id, {@code type} to {@code api}, not muted,
   *     activated, no tags
   * @throws IllegalArgumentException if the id does not match the rule
   */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /**
   * Turns a name from another system (a Spring health contributor, a host name) into a legal check
   * id: each character the id rule {@code [a-zA-Z0-9_.:-]{1,128}} does not allow becomes {@code _},
   * and the result is cut to 128 characters; empty text becomes {@code _}. Different names can
   * give one id ({@code "orders db"} and {@code "orders_db"}): a caller that maps many names
   * checks that the ids stay distinct.
   *
   * @param text any text
   * @return a string {@link #builder(String)} accepts
   * @throws NullPointerException if {@code text} is null
   */
  public static String idFrom(String text) {
    Objects.requireNonNull(text, "text");
    StringBuilder id = new StringBuilder(Math.min(text.length(), MAX_ID_LENGTH));
    for (int i = 0; i < text.length() && id.length() < MAX_ID_LENGTH; i++) {
      char c = text.charAt(i);
      id.append(ID.matcher(String.valueOf(c)).matches() ? c : '_');
    }
    return id.length() == 0 ? "_" : id.toString();
  }

  /**
   * Whether text is a legal tenant id, {@code [a-zA-Z0-9_-][a-zA-Z0-9_.-]{0,127}}: for callers
   * that must not throw, such as the parser of a request path.
   *
   * @param text any text, or null
   * @return whether {@link Builder#tenant(String)} accepts it
   */
  public static boolean isTenantId(String text) {
    return text != null && TENANT.matcher(text).matches();
  }

  /**
   * Starts a builder holding every field of this check, to derive a changed copy.
   *
   * @return a builder initialised from this check
   */
  public Builder toBuilder() {
    Builder builder =
        new Builder(id).name(name).type(type).tags(tags).muted(muted).activated(activated);
    builder.tenant = tenant;
    return builder;
  }

  /**
   * The tenant the check belongs to.
   *
   * @return the tenant id, {@code ""} when the check belongs to no tenant (the platform's own)
   */
  public String tenant() {
    return tenant;
  }

  /**
   * The id of the check, its stable key.
   *
   * @return the stable key of the check
   */
  public String id() {
    return id;
  }

  /**
   * The name of the check, for people.
   *
   * @return the human-readable name, 1 to 256 characters, any characters
   */
  public String name() {
    return name;
  }

  /**
   * The type of the check.
   *
   * @return the kind of check, such as {@code api}, {@code browser} or {@code tcp}
   */
  public String type() {
    return type;
  }

  /**
   * The tags of the check.
   *
   * @return the tags, sorted, unmodifiable
   */
  public SortedSet<String> tags() {
    return tags;
  }

  /**
   * The tags as one label value: sorted and joined with {@code ,} (as Checkly does).
   *
   * @return the joined tags, empty when there are none
   */
  public String joinedTags() {
    return String.join(",", tags);
  }

  /**
   * The values of the {@code key:value} tags of a key, joined with {@code ,}: the value of a tag
   * label.
   *
   * @return the values in tag order, empty when the check has no such tag
   */
  String tagValues(String key) {
    String prefix = key + ':';
    StringBuilder values = null;
    for (String tag : tags) {
      if (tag.startsWith(prefix)) {
        values = values == null ? new StringBuilder() : values.append(',');
        values.append(tag, prefix.length(), tag.length());
      }
    }
    return values == null ? "" : values.toString();
  }

  /**
   * Whether the check is muted.
   *
   * @return whether alerts for this check are muted
   */
  public boolean muted() {
    return muted;
  }

  /**
   * Whether the check is activated.
   *
   * @return whether the check is activated (scheduled)
   */
  public boolean activated() {
    return activated;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Check)) {
      return false;
    }
    Check other = (Check) o;
    return tenant.equals(other.tenant)
        && id.equals(other.id)
        && name.equals(other.name)
        && type.equals(other.type)
        && tags.equals(other.tags)
        && muted == other.muted
        && activated == other.activated;
  }

  @Override
  public int hashCode() {
    return Objects.hash(tenant, id, name, type, tags, muted, activated);
  }

  @Override
  public String toString() {
    return "Check{"
        + (tenant.isEmpty() ? "" : "tenant=" + tenant + ", ")
        + "id="
        + id
        + ", name="
        + name
        + ", type="
        + type
        + ", tags="
        + tags
        + ", muted="
        + muted
        + ", activated="
        + activated
        + '}';
  }

  /** Builds a {@link Check}; not thread-safe. */
  public static final class Builder {
    private String tenant = "";
    private final String id;
    private String name;
    private String type = "api";
    private final SortedSet<String> tags = new TreeSet<>();
    private boolean muted;
    private boolean activated = true;

    private Builder(String id) {
      Objects.requireNonNull(id, "id");
      this.id = matching("check id", ID, id);
    }

    /**
     * Sets the tenant the check belongs to; default: none ({@code ""}).
     *
     * @param tenantId the tenant's id, {@code [a-zA-Z0-9_-][a-zA-Z0-9_.-]{0,127}}: safe in a URL
     *     path segment and as a label value, never {@code .} or {@code ..}
     * @return this builder
     * @throws IllegalArgumentException if the id breaks the rule
     */
    public Builder tenant(String tenantId) {
      this.tenant = checkTenant(tenantId);
      return this;
    }

    /**
     * Sets the name shown in the {@code check_name} label.
     *
     * @param name 1 to 256 characters; any characters, escaped on the wire
     * @return this builder
     * @throws IllegalArgumentException if empty or too long
     */
    public Builder name(String name) {
      Objects.requireNonNull(name, "name");
      this.name = text("check name", MAX_NAME_LENGTH, name);
      return this;
    }

    /**
     * Sets the kind of check shown in the {@code check_type} label.
     *
     * @param type free text such as {@code api}, {@code browser}, {@code tcp}: {@code
     *     [a-zA-Z0-9_.:-]{1,64}}
     * @return this builder
     * @throws IllegalArgumentException if the type does not match the rule
     */
    public Builder type(String type) {
      Objects.requireNonNull(type, "type");
      this.type = matching("check type", TYPE, type);
      return this;
    }

    /**
     * Replaces the tags.
     *
     * @param tags 1 to 128 characters each, without {@code ,} (the separator of the {@code tags}
     *     label), not ending with {@code :} (a {@code key:value} tag, which a schema may write as
     *     the label {@code key}, needs a value)
     * @return this builder
     * @throws IllegalArgumentException if a tag is empty, too long, contains {@code ,} or ends
     *     with {@code :}
     */
    public Builder tags(String... tags) {
      Objects.requireNonNull(tags, "tags");
      return tags(Arrays.asList(tags));
    }

    /**
     * Replaces the tags.
     *
     * @param tags 1 to 128 characters each, without {@code ,}, not ending with {@code :}
     * @return this builder
     * @throws IllegalArgumentException if a tag is empty, too long, contains {@code ,} or ends
     *     with {@code :}
     */
    public Builder tags(Collection<String> tags) {
      Objects.requireNonNull(tags, "tags");
      SortedSet<String> copy = new TreeSet<>();
      for (String tag : tags) {
        Objects.requireNonNull(tag, "tag");
        text("tag", MAX_TAG_LENGTH, tag);
        if (tag.indexOf(',') >= 0) {
          throw new IllegalArgumentException(
              "tag must not contain ',': " + Messages.quote(tag));
        }
        if (tag.endsWith(":")) {
          throw new IllegalArgumentException(
              "tag must not end with ':' (a key:value tag needs a value): "
                  + Messages.quote(tag));
        }
        copy.add(tag);
      }
      this.tags.clear();
      this.tags.addAll(copy);
      return this;
    }

    /**
     * Sets whether the check is muted; default {@code false}.
     *
     * @param muted whether alerts for the check are muted
     * @return this builder
     */
    public Builder muted(boolean muted) {
      this.muted = muted;
      return this;
    }

    /**
     * Sets whether the check is activated; default {@code true}.
     *
     * @param activated whether the check is activated
     * @return this builder
     */
    public Builder activated(boolean activated) {
      this.activated = activated;
      return this;
    }

    /**
     * Builds the check.
     *
     * @return the immutable check
     */
    public Check build() {
      return new Check(this);
    }
  }

  /**
   * Checks a tenant id (of a check, a result or a scrape).
   *
   * @throws NullPointerException if it is null
   * @throws IllegalArgumentException if it breaks the rule
   */
  static String checkTenant(String tenantId) {
    Objects.requireNonNull(tenantId, "tenantId");
    return matching("tenant id", TENANT, tenantId);
  }

  /** Checks text against a rule: {@code <field> must match <rule>: "<value>"}. */
  static String matching(String field, Pattern pattern, String value) {
    if (!pattern.matcher(value).matches()) {
      throw new IllegalArgumentException(
          field + " must match " + pattern.pattern() + ": " + Messages.quote(value));
    }
    return value;
  }

  /**
   * Checks free text that becomes a label value: 1 to {@code maxLength} characters, no lone
   * UTF-16 surrogate (it cannot be written as UTF-8: the label value would turn into {@code ?}).
   */
  static String text(String field, int maxLength, String value) {
    if (value.isEmpty() || value.length() > maxLength) {
      throw new IllegalArgumentException(
          field + " must be 1 to " + maxLength + " characters long: " + Messages.quote(value));
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean paired;
      if (Character.isHighSurrogate(c)) {
        paired = i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
        if (paired) {
          i++;
        }
      } else {
        paired = !Character.isLowSurrogate(c);
      }
      if (!paired) {
        throw new IllegalArgumentException(
            field + " must not contain a lone UTF-16 surrogate at index " + i);
      }
    }
    return value;
  }
}
