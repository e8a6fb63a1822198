package dev.live.engine;

import dev.live.query.And;
import dev.live.query.Condition;
import dev.live.query.Field;
import dev.live.query.Not;
import dev.live.query.Or;
import dev.live.query.RelationLookup;
import dev.live.query.RelationMatch;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The relation conditions of one operator's own rows (its where, and the wheres of its includes),
 * each tied to the {@link RelationSet} that answers it: the operator's {@link RelationLookup}.
 * Conditions inside a relation condition belong to that condition's set, not here.
 */
final class RelationUses implements RelationLookup {
  /** One relation condition of the operator, at one place. */
  static final class Use {
    final RelationMatch<?, ?> match;
    final RelationSet<?> set;
    final Field<?, ?> probe;
    final boolean negated;
    final boolean toOne;
    /**
     * Where it sits: null for the operator's own rows, or the include {@link Site}s whose where has
     * it (one condition may be used in several places).
     */
    final List<Site> sites = new ArrayList<>(1);
    /** Whether a key entering the set can make rows match (a use outside any {@code not}, say). */
    boolean entersOnGain;
    /** Whether a key leaving the set can make rows match (in {@code none}, say). */
    boolean entersOnLoss;

    Use(RelationMatch<?, ?> match, RelationSet<?> set, SetQuery.Test test) {
      this.match = match;
      this.set = set;
      this.probe = test.probe();
      this.negated = test.negated();
      this.toOne = test.toOne();
    }

    /** The use of a to-one include's target set by its site: any key coming or going is judged again. */
    Use(RelationSet<?> set, Site site) {
      this.match = null;
      this.set = set;
      this.probe = site.foreignKey;
      this.negated = false;
      this.toOne = true;
      this.sites.add(site);
      this.entersOnGain = true;
    }

    @SuppressWarnings("unchecked") // the probe is a field of the row's collection
    <T> boolean matches(T row) {
      Object value = ((Field<T, ?>) probe).get(row);
      boolean member = value != null && set.contains(value);
      return member != negated;
    }
  }

  private final Map<RelationMatch<?, ?>, Use> byMatch = new IdentityHashMap<>();
  private final List<Use> all = new ArrayList<>();

  /** Records the relation conditions of {@code condition}, which sits at {@code site} (null: the rows themselves). */
  void collect(Condition<?> condition, Site site, RelationSets sets, Operator owner) {
    walk(condition, false, site, sets, owner);
  }

  private void walk(Condition<?> condition, boolean underNot, Site site, RelationSets sets, Operator owner) {
    if (condition instanceof And<?> and) {
      and.conditions().forEach(c -> walk(c, underNot, site, sets, owner));
    } else if (condition instanceof Or<?> or) {
      or.conditions().forEach(c -> walk(c, underNot, site, sets, owner));
    } else if (condition instanceof Not<?> not) {
      walk(not.condition(), !underNot, site, sets, owner);
    } else if (condition instanceof RelationMatch<?, ?> match) {
      Use use = byMatch.get(match);
      SetQuery.Test test = SetQuery.test(match);
      if (use == null) {
        use = new Use(match, sets.acquire(test.set(), owner), test);
        byMatch.put(match, use);
        all.add(use);
      }
      if (!use.sites.contains(site)) {
        use.sites.add(site);
      }
      boolean positive = underNot == test.negated();
      use.entersOnGain |= positive;
      use.entersOnLoss |= !positive;
    }
  }

  /** Acquires the set of the targets a to-one include with a where shows, for its {@code site}. */
  RelationSet<?> targets(Site site, RelationSets sets, Operator owner) {
    RelationSet<?> set = sets.acquire(SetQuery.targets(site.target, castWhere(site)), owner);
    all.add(new Use(set, site));
    return set;
  }

  @SuppressWarnings("unchecked") // a site's where is a condition on its target's rows
  private static <U> dev.live.query.Condition<U> castWhere(Site site) {
    return (dev.live.query.Condition<U>) site.where.orElseThrow();
  }

  @Override
  public <T> boolean matches(RelationMatch<T, ?> match, T row) {
    Use use = byMatch.get(match);
    if (use == null) {
      throw new IllegalStateException("relation condition " + match.relation().name() + " has no set");
    }
    return use.matches(row);
  }

  /** Every use, each once. */
  List<Use> all() {
    return all;
  }

  /** The use of {@code match}, if it is one of this operator's. */
  Use of(RelationMatch<?, ?> match) {
    return byMatch.get(match);
  }

  /** Gives every set back to {@code sets}. */
  void release(RelationSets sets, Operator owner) {
    for (Use use : all) {
      sets.release(use.set, owner);
    }
    all.clear();
    byMatch.clear();
  }
}
