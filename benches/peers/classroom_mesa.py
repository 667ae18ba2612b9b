"""Covenant's `examples/classroom.cov`, ported to Mesa.

Three powers, one norm, one concert and two shocks (docs/tutorial.md):
Ruritania, a revisionist, moves against Borduria over the Border region in
1902 and again in 1906; Borduria and Syldavia are members of the League, a
concert that decides by consensus and upholds the norm against conquest.
Each year (a Mesa step) the year's shocks fire and each crisis is resolved at
once -- the League consults, the powers on no side balance or pass the buck,
the aggressor is deterred or strikes, the target fights or gives way -- then
the wars under way are fought another year and the norm, the war memory and
the League's standing are updated.

The mechanisms and formulas are Covenant's (docs/model.md, src/engine/), for
the parts of the model this case reaches; the README beside this file says
what is left out. Each run draws from its own `model.random` seeded with the
run's seed, so runs are not Covenant's runs (ChaCha8 there), but their
distribution is the same: `run.sh` compares the two.

    python classroom_mesa.py --runs 10000 --seed 1 --json
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import sys
import time
from dataclasses import dataclass

import mesa

# The model's parameters (docs/model.md, last section), at Covenant's
# defaults: the classroom case sets none of them.
PARAMETERS = {
    "war_memory": 0.5,
    "war_memory_decay": 0.03,
    "transparency": 0.5,
    "dissolve_below": 0.2,
    "cohesion_start": 0.8,
    "credibility_start": 0.8,
    "trust_start": 0.5,
    "credibility_learning": 0.5,
    "defection_trust_loss": 0.2,
    "defection_norm_loss": 0.1,
    "split_cohesion_loss": 0.15,
    "success_cohesion_gain": 0.05,
    "consultation_trust_gain": 0.05,
    "violation_norm_loss": 0.15,
    "norm_recovery": 0.01,
    "war_cost": 0.1,
    "war_decisiveness": 0.4,
    "war_trust_loss": 0.3,
    "buck_passing": 0.3,
    "uncommitted_weight": 0.5,
    "threat_learning": 0.3,
    "resolve_base": 0.3,
}

# The per-run counts Covenant's ensemble reports (src/ensemble/measure.rs),
# under its keys and in its order.
MEASURES = {
    "wars": "wars",
    "war_years": "years of war",
    "defections": "defections",
    "obligations": "obligations to act",
    "deterred": "aggressors deterred",
    "yielded": "targets that gave way",
    "settled": "demands settled",
    "consultations": "concert consultations",
    "decisions_to_act": "decisions to act",
}

# The case's variants (examples/classroom.cov).
VARIANTS = ("automatic", "willing")

# Standings move by decimal steps that binary floating point does not hit
# exactly: a standing worn down to the threshold has not fallen below it.
STANDING_TOLERANCE = 1e-9


def clamp(x: float) -> float:
    return min(max(x, 0.0), 1.0)


def share(x: float, y: float) -> float:
    """x / (x + y), one half when both are zero."""
    return x / (x + y) if x + y > 0.0 else 0.5


def seen_through(real: float, transparency: float, u: float) -> float:
    """What one side sees of the other's strength through the fog: at most what is there."""
    return real * (1.0 - (1.0 - transparency) * u)


class Power(mesa.Agent):
    """A power: its capability, revisionism, domestic constraint and interests,
    and what its conquests have revealed of its aims (`threat`)."""

    def __init__(self, model, name, capability, stance=0.0, constraint=0.0, interests=None):
        super().__init__(model)
        self.name = name
        self.capability = capability
        self.stance = stance
        self.constraint = constraint
        self.interests = dict(interests or {})
        self.threat = 0.0
        self.war_paid = None  # the last year it paid the ordinary cost of war

    def __repr__(self):
        return self.name

    def interest(self, region: str) -> float:
        return self.interests.get(region, 0.0)

    @property
    def forces(self) -> float:
        """Its capability in the field, divided equally among the wars it fights
        (the war being weighed or fought is never among them)."""
        fronts = sum(1 for war in self.model.wars if self in war.belligerents())
        return self.capability / (1 + fronts)

    def acts(self, willingness: float) -> bool:
        """One uniform draw against a willingness."""
        return self.random.random() < willingness

    def member_willingness(self, crisis, standing: float, norm: float, coalition: float) -> float:
        """A commitment member's will to act against the aggressor: interest, the
        norm or the aggressor's threat, the commitment's standing and the war
        memory, less its constraint weighted by the cost of facing the aggressor
        beside the coalition it expects."""
        cost = crisis.cost_of_facing(self.forces + coalition)
        beyond = max(norm, crisis.aggressor.threat)
        pull = beyond + standing + self.model.war_memory
        motive = (self.interest(crisis.region) + (1.0 - self.stance) * pull) / 4.0
        return clamp(motive - self.constraint * cost)

    def balancing_willingness(self, crisis) -> float:
        """Self-help: its interest, discounted by the chance to pass the buck,
        less its constraint weighted by the cost of facing the aggressor beside
        whoever already stands with the target."""
        coalition = sum(side.power.forces for side in crisis.defenders)
        cost = crisis.cost_of_facing(self.forces + coalition)
        buck = self.model.p["buck_passing"]
        return clamp(self.interest(crisis.region) * (1.0 - buck) - self.constraint * cost)


class Norm:
    """A shared rule of conduct; this case's forbids conquest."""

    def __init__(self, name: str, strength: float):
        self.name = name
        self.strength = strength
        self.violated = False  # this year: no recovery at its end

    def weaken(self, by: float):
        self.strength = max(self.strength - by, 0.0)
        self.violated = True


@dataclass
class Side:
    """A power on the target's side, and whether a commitment put it there (the
    aggressor counts fully on those, in part on self-help balancers)."""

    power: Power
    committed: bool


class Commitment:
    """The League: its members, mode, decision rule, standing and norm."""

    def __init__(self, model, name, members, mode, upholds):
        self.model = model
        self.name = name
        self.members = list(members)
        self.mode = mode
        self.upholds = list(upholds)
        self.cohesion = model.p["cohesion_start"]
        self.credibility = model.p["credibility_start"]
        self.alive = True

    @property
    def standing(self) -> float:
        return self.credibility if self.mode == "automatic" else self.cohesion

    def engaged_by(self, crisis) -> bool:
        """It covers aggression by anyone, and the target is a member."""
        return self.alive and crisis.target in self.members

    def norm_at_stake(self) -> float:
        return max(n.strength for n in self.upholds)

    def expected(self, crisis, answered, pending, standing) -> float:
        """The forces a member expects beside its own: those already on the
        target's side, the members that answered as far as it sees them
        (`transparency`), the members still to answer at the standing."""
        t = self.model.p["transparency"]
        shown = {m for m, _ in answered}
        on_side = sum(s.power.forces for s in crisis.defenders if s.power not in shown)
        seen = sum(m.forces * (t * float(acted) + (1.0 - t) * standing) for m, acted in answered)
        promised = sum(m.forces * standing for m in pending)
        return on_side + seen + promised

    def consult(self, crisis) -> bool:
        """A concert: the target asks, every other member supports, opposes or
        abstains from one draw; consensus carries. Returns whether it decided to act."""
        model, p = self.model, self.model.p
        a, t = crisis.aggressor, crisis.target
        members = [m for m in self.members if m is not a and (m is t or not crisis.answered(m))]
        model.counts["consultations"] += 1
        norm = self.norm_at_stake()
        voters = [m for m in members if m is not t]
        standing = self.cohesion
        declarations = []
        for i, member in enumerate(voters):
            coalition = self.expected(crisis, [(m, d == "support") for m, d in declarations], voters[i + 1 :], standing)
            willingness = member.member_willingness(crisis, standing, norm, coalition)
            lean = clamp(model.trust(member, a) - model.trust(member, t))
            opposition = lean * (1.0 - norm) * (1.0 - model.war_memory)
            u = model.random.random()
            if u < willingness:
                declaration = "support"
            elif u < willingness + opposition * (1.0 - willingness):
                declaration = "oppose"
            else:
                declaration = "abstain"
            declarations.append((member, declaration))
        supporters = [m for m, d in declarations if d == "support"]
        opposed = [m for m, d in declarations if d == "oppose"]
        crisis.refused.update(opposed)
        if supporters and not opposed:
            # Act: the supporters stand by the target; the members trust each other more.
            crisis.defenders.extend(Side(m, committed=True) for m in supporters)
            gain = p["consultation_trust_gain"] * (0.5 + 0.5 * p["transparency"])
            for i, x in enumerate(self.members):
                for y in self.members[i + 1 :]:
                    model.set_trust(x, y, model.trust(x, y) + gain)
            model.counts["decisions_to_act"] += 1
            return True
        if opposed:
            # Split: cohesion falls. A decline (nobody opposes, too few support) costs nothing.
            self.cohesion = max(self.cohesion - p["split_cohesion_loss"], 0.0)
        return False

    def oblige(self, crisis):
        """An automatic commitment: every member but the parties is obliged to act;
        one that does not defects. Credibility is learnt once, from all answers."""
        model, p = self.model, self.model.p
        a, t = crisis.aggressor, crisis.target
        norm = self.norm_at_stake()
        members = [m for m in self.members if m is not a and m is not t and not crisis.answered(m)]
        answers = []
        for i, member in enumerate(members):
            standing = self.credibility
            coalition = self.expected(crisis, answers, members[i + 1 :], standing)
            acted = member.acts(member.member_willingness(crisis, standing, norm, coalition))
            model.counts["obligations"] += 1
            answers.append((member, acted))
            if acted:
                crisis.defenders.append(Side(member, committed=True))
            else:
                model.counts["defections"] += 1
                self.defect(member)
                crisis.refused.add(member)
                crisis.withheld.add(member)  # it may still join the war, as a bystander
        if answers:
            obliged = sum(m.capability for m, _ in answers)
            honoured_capability = sum((m.capability for m, acted in answers if acted), 0.0)
            if obliged > 0.0:
                honoured = honoured_capability / obliged
            else:
                honoured = sum(1 for _, acted in answers if acted) / len(answers)
            before = self.credibility
            self.credibility = clamp(before + p["credibility_learning"] * (honoured - before))

    def defect(self, member: Power):
        """The others trust the defector less; the norms it upheld weaken by its weight."""
        model, p = self.model, self.model.p
        for other in self.members:
            if other is not member:
                model.set_trust(other, member, model.trust(other, member) - p["defection_trust_loss"])
        mean = sum(m.capability for m in self.members) / max(len(self.members), 1)
        weight = member.capability / mean if mean > 0.0 else 1.0
        for norm in self.upholds:
            norm.weaken(p["defection_norm_loss"] * weight)


class Crisis:
    """One aggression as it is resolved: who stands on the target's side, and who refused."""

    def __init__(self, model, aggressor, target, region, stakes):
        self.model = model
        self.aggressor = aggressor
        self.target = target
        self.region = region
        self.stakes = stakes
        self.defenders = [Side(target, committed=True)]
        self.refused = set()  # defectors and opposers: they answered the crisis
        self.withheld = set()  # defectors from a commitment answering by force

    def answered(self, power) -> bool:
        return power in self.refused or any(s.power is power for s in self.defenders)

    def aggressor_side(self) -> float:
        return self.aggressor.forces  # no backers, co-belligerents or offensive allies here

    def cost_of_facing(self, side: float) -> float:
        """The aggressor's share of the two sides (no destructive arms in this case)."""
        return share(self.aggressor_side(), side)

    def bystanders(self, kept_out):
        """Powers with an interest in the region on no side yet, that did not refuse the call."""
        return self.model.powers.select(
            lambda p: p is not self.aggressor
            and p not in kept_out
            and not any(s.power is p for s in self.defenders)
            and p.interest(self.region) > 0.0
        )


class War:
    """A war under way, fought a year at a time until a year decides it or the sides make peace."""

    def __init__(self, model, crisis):
        self.model = model
        self.aggressor = crisis.aggressor
        self.target = crisis.target
        self.stakes = crisis.stakes
        self.attackers = []  # co-belligerents: none in this case
        self.defenders = list(crisis.defenders)
        self.began = self.fought = model.year

    def belligerents(self):
        return [self.aggressor, *(s.power for s in self.attackers), *(s.power for s in self.defenders)]

    def involves(self, a, t) -> bool:
        attacking = [self.aggressor, *(s.power for s in self.attackers)]
        defending = [s.power for s in self.defenders]
        return (a in attacking and t in defending) or (a in defending and t in attacking)

    def fight_year(self) -> bool:
        """One year of the war; returns whether it goes on."""
        model, p = self.model, self.model.p
        a, t = self.aggressor, self.target
        model.counts["war_years"] += 1
        if self.began == model.year:
            model.counts["wars"] += 1
        attacking = [a, *(s.power for s in self.attackers)]
        fighting = [s.power for s in self.defenders]
        brought = [(q, q.forces) for q in attacking]
        attack = sum(q.forces for q in attacking)
        opposition = sum(q.forces for q in fighting)
        chance = share(attack, opposition)
        cost = p["war_cost"]
        for q in attacking + fighting:  # the ordinary cost, once a year however many wars
            if q.war_paid != model.year:
                q.capability *= 1.0 - cost
            q.war_paid = model.year
        involved = attack + opposition
        margin = abs(2.0 * chance - 1.0)
        decisive = margin + (1.0 - margin) * p["war_decisiveness"]
        loss = cost + cost
        trust = model.trust(a, t)
        if model.random.random() < decisive:
            outcome = "won" if model.random.random() < chance else "lost"
        else:
            seen = seen_through(chance, p["transparency"], model.random.random())
            kept = model.random.random()
            outcome = "compromise" if chance - seen <= loss and kept < trust else "goes on"
        at_stake = self.stakes * t.capability
        if outcome == "won":
            self.share_out(brought, min(at_stake, t.capability))
        elif outcome == "lost":
            transfer = min(at_stake, a.capability)
            a.capability -= transfer
            t.capability += transfer
        elif outcome == "compromise":
            self.share_out(brought, min(chance * at_stake, t.capability))
        if involved >= 0.5:  # a hegemonic war's memory
            model.war_memory = max(model.war_memory, min(involved, 1.0))
        if outcome == "goes on":
            return True
        for attacker in attacking:
            model.estrange(attacker, self.defenders)
        if outcome == "won":
            model.reveal(a)
            model.violate_conquest()
        return False

    def share_out(self, brought, amount):
        """The aggressor's side takes the transfer, as each brought forces."""
        total = sum(f for _, f in brought)
        for power, f in brought:
            part = amount * f / total if total > 0.0 else amount / len(brought)
            self.target.capability -= part
            power.capability += part


class Classroom(mesa.Model):
    """The classroom case, 1900-1910, one Mesa step a year."""

    def __init__(self, seed=None, variant=None, collect="end"):
        super().__init__(seed=seed)
        self.collect = collect  # the DataCollector's rows: one at the end of the run, or one a year
        if variant not in (None, *VARIANTS):
            raise ValueError(f"the case has no variant {variant!r}; its variants are {', '.join(VARIANTS)}")
        self.p = dict(PARAMETERS)
        self.war_memory = self.p["war_memory"]
        self.year, self.last_year = 1900, 1910
        ruritania = Power(self, "Ruritania", 0.3, stance=1.0)
        borduria = Power(self, "Borduria", 0.2, interests={"Border": 1.0})
        syldavia = Power(self, "Syldavia", 0.4, constraint=0.7, interests={"Border": 0.2})
        if variant == "willing":
            syldavia.constraint = 0.1
        self.powers = self.agents_by_type[Power]
        self._trust = {}
        self.set_trust(ruritania, syldavia, 0.3)
        self.norms = [Norm("no_conquest", 0.6)]
        mode = "automatic" if variant == "automatic" else "concert"
        self.league = Commitment(self, "League", [borduria, syldavia], mode, upholds=self.norms)
        self.commitments = [self.league]
        self.shocks = {
            1902: [(ruritania, borduria, "Border", 0.2)],  # border_dispute
            1906: [(ruritania, borduria, "Border", 0.2)],  # second_try
        }
        self.wars = []
        self.counts = dict.fromkeys(MEASURES, 0)
        reporters = {key: (lambda m, key=key: m.counts[key]) for key in MEASURES}
        reporters["no_conquest"] = lambda m: m.norms[0].strength
        reporters["League_alive"] = lambda m: m.league.alive
        self.datacollector = mesa.DataCollector(model_reporters=reporters)

    # Trust, symmetric, by pair.
    def trust(self, a, b) -> float:
        return self._trust.get(frozenset((a.unique_id, b.unique_id)), self.p["trust_start"])

    def set_trust(self, a, b, value):
        self._trust[frozenset((a.unique_id, b.unique_id))] = clamp(value)

    def estrange(self, aggressor, sides):
        for side in sides:
            self.set_trust(aggressor, side.power, self.trust(aggressor, side.power) - self.p["war_trust_loss"])

    def reveal(self, aggressor):
        aggressor.threat += self.p["threat_learning"] * (1.0 - aggressor.threat)

    def violate_conquest(self):
        for norm in self.norms:
            norm.weaken(self.p["violation_norm_loss"])

    def step(self):
        for norm in self.norms:
            norm.violated = False
        for aggressor, target, region, stakes in self.shocks.get(self.year, ()):
            self.aggression(aggressor, target, region, stakes)
        self.fight_on()
        self.end_of_year()
        self.year += 1
        self.running = self.year <= self.last_year
        if self.collect == "yearly" or not self.running:
            self.datacollector.collect(self)

    def aggression(self, a, t, region, stakes):
        p = self.p
        # Between powers already at war with each other: a campaign of that war,
        # fought on this year for the new stakes; nobody is left to deter.
        for war in self.wars:
            if war.involves(a, t):
                war.stakes = stakes
                return
        crisis = Crisis(self, a, t, region, stakes)
        engaged = [c for c in self.commitments if c.engaged_by(crisis)]
        automatic = False
        acted = []
        for commitment in engaged:
            if commitment.mode == "automatic":
                commitment.oblige(crisis)
                automatic = True
            elif commitment.consult(crisis):
                acted.append(commitment)
        # A concert binds no one: without an automatic commitment, each power balances on its own account.
        if not automatic:
            for power in crisis.bystanders(crisis.refused):
                if power.acts(power.balancing_willingness(crisis)):
                    crisis.defenders.append(Side(power, committed=False))
        # Deterrence: the opposition the aggressor perceives against what it would risk.
        committed = sum(s.power.forces for s in crisis.defenders if s.committed)
        uncommitted = sum(s.power.forces for s in crisis.defenders if not s.committed)
        counted = committed + p["uncommitted_weight"] * uncommitted
        conquest_norm = max(n.strength for n in self.norms)
        restraint = max(
            (self.war_memory * c.cohesion for c in self.commitments
             if c.mode == "concert" and a in c.members and c.engaged_by(crisis)),
            default=0.0,
        )
        resolve = (p["resolve_base"] + a.stance * (1.0 - conquest_norm) + a.interest(region)) * (1.0 - restraint)
        needed = crisis.aggressor_side() * (1.0 + resolve)
        perceived = seen_through(counted, p["transparency"], self.random.random())
        if perceived >= needed:
            self.counts["deterred"] += 1
            for concert in acted:  # a decision to act that kept the peace
                concert.cohesion = min(concert.cohesion + p["success_cohesion_gain"], 1.0)
            return
        # It strikes: the target fights or gives way.
        cost = crisis.cost_of_facing(counted)
        willingness = clamp(t.interests.get(region, 1.0) - t.constraint * cost)
        if willingness < 1.0 and not (willingness > 0.0 and t.acts(willingness)):
            self.counts["yielded"] += 1
            transfer = stakes * t.capability
            t.capability -= transfer
            a.capability += transfer
            self.estrange(a, crisis.defenders)
            self.reveal(a)
            self.violate_conquest()
            return
        # The war under way draws in the bystanders, defectors from a commitment that answers by force among them.
        for power in crisis.bystanders(crisis.refused - crisis.withheld):
            if power.acts(power.balancing_willingness(crisis)):
                crisis.defenders.append(Side(power, committed=False))
        war = War(self, crisis)
        if war.fight_year():
            self.wars.append(war)

    def fight_on(self):
        """Another year of every war that went on from an earlier year, in the
        order they began; a war is out of the list while it is fought, so that
        only its belligerents' other wars divide their forces."""
        index = 0
        while index < len(self.wars):
            war = self.wars[index]
            if war.fought == self.year:
                index += 1
                continue
            del self.wars[index]
            war.fought = self.year
            if war.fight_year():
                self.wars.insert(index, war)
                index += 1

    def end_of_year(self):
        p = self.p
        for norm in self.norms:
            if not norm.violated:
                norm.strength = min(norm.strength + p["norm_recovery"], 1.0)
        self.war_memory *= 1.0 - p["war_memory_decay"]
        for c in self.commitments:
            if c.alive and c.standing < p["dissolve_below"] - STANDING_TOLERANCE:
                c.alive = False


def mean_interval(values, z=1.959963984540054):
    """The mean and its 95% interval (normal approximation), as Covenant's ensemble gives it."""
    n = len(values)
    total = sum(values)
    mean = total / n
    if n < 2:
        return mean, None
    squares = sum(v * v for v in values)
    variance = (n * squares - total * total) / (n * (n - 1))
    half = z * math.sqrt(max(variance, 0.0) / n)
    return mean, (max(mean - half, 0.0), mean + half)


def wilson(count, n, z=1.959963984540054):
    if n == 0:
        return (0.0, 1.0)
    phat = count / n
    denom = 1 + z * z / n
    centre = (phat + z * z / (2 * n)) / denom
    half = z * math.sqrt(phat * (1 - phat) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


def quartiles(values):
    """Nearest-rank quartiles."""
    ordered = sorted(values)
    n = len(ordered)
    return [ordered[max(math.ceil(q * n) - 1, 0)] for q in (0.25, 0.5, 0.75)]


def release(model):
    """Lets a finished model be freed. Mesa 3.3.1 numbers agents per model in a
    class-level dictionary keyed by the model (`Agent._ids`), which keeps every
    model ever made alive for the life of the process (mesa issue #3179, fixed
    on Mesa's main branch by pull request #3180, in no release on PyPI yet)."""
    ids = getattr(mesa.Agent, "_ids", None)
    if isinstance(ids, dict):
        ids.pop(model, None)


def ensemble(runs, seed, variant=None, collect="end", keep_models=False):
    """Runs the case over seeds seed, seed+1, ...; returns each run's final
    DataCollector row and the seconds the simulation loop took. Unless
    `keep_models`, each model is released once its row is read (`release`)."""
    rows = []
    start = time.perf_counter()
    for s in range(seed, seed + runs):
        model = Classroom(seed=s, variant=variant, collect=collect)
        model.run_model()
        rows.append({key: values[-1] for key, values in model.datacollector.model_vars.items()})
        if not keep_models:
            release(model)
    return rows, time.perf_counter() - start


def summarise(rows, runs, seed, variant, seconds, collect, keep_models):
    summary = {
        "model": "classroom.cov ported to Mesa",
        "mesa": mesa.__version__,
        "python": platform.python_version(),
        "variant": variant,
        "collect": collect,
        "keep_models": keep_models,
        "runs": runs,
        "seeds": [seed, seed + runs - 1],
        "simulation_seconds": seconds,
    }
    for key in MEASURES:
        values = [row[key] for row in rows]
        mean, interval = mean_interval(values)
        summary[key] = {"total": sum(values), "mean": mean, "interval": list(interval) if interval else None}
    strengths = [row["no_conquest"] for row in rows]
    mean, interval = mean_interval(strengths)
    summary["norms"] = {
        "no_conquest": {"mean": mean, "interval": list(interval) if interval else None,
                        "quartiles": dict(zip(("lower", "median", "upper"), quartiles(strengths)))}
    }
    alive = sum(1 for row in rows if row["League_alive"])
    summary["commitments"] = {
        "League": {"survived": {"count": alive, "of": runs, "share": alive / runs, "interval": list(wilson(alive, runs))}}
    }
    return summary


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1, help="the first run's seed; run i has seed S+i")
    parser.add_argument("--variant", choices=VARIANTS)
    parser.add_argument("--collect", choices=("end", "yearly"), default="end",
                        help="the DataCollector's rows: once at the end of each run (the default), or every year")
    parser.add_argument("--keep-models", action="store_true",
                        help="leave Mesa 3.3.1 holding every finished model, as it does unless told (mesa issue #3179)")
    parser.add_argument("--json", action="store_true", help="one JSON document instead of a table")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    rows, seconds = ensemble(args.runs, args.seed, args.variant, args.collect, args.keep_models)
    summary = summarise(rows, args.runs, args.seed, args.variant, seconds, args.collect, args.keep_models)
    if args.json:
        json.dump(summary, sys.stdout)
        print()
        return
    print(f"classroom.cov in Mesa {summary['mesa']}, {args.runs} runs, seeds {args.seed}..{args.seed + args.runs - 1}"
          f"{', variant ' + args.variant if args.variant else ''}: {seconds:.2f} s")
    for key, label in MEASURES.items():
        m = summary[key]
        lo, hi = m["interval"] or (m["mean"], m["mean"])
        print(f"  {label:<24} {m['mean']:8.4f}  [{lo:.4f}, {hi:.4f}]")
    norm = summary["norms"]["no_conquest"]
    quarters = "/".join(f"{norm['quartiles'][k]:.2f}" for k in ("lower", "median", "upper"))
    print(f"  {'norm no_conquest at end':<24} {norm['mean']:8.4f}  quartiles {quarters}")
    league = summary["commitments"]["League"]["survived"]
    print(f"  {'League survives':<24} {league['share']:8.4f}  [{league['interval'][0]:.4f}, {league['interval'][1]:.4f}]")


if __name__ == "__main__":
    main()
