"""CPython's model of bench/quote.wst, written the way autobahn writes its
types (autobahn.websocket.types): a class per schema class with __slots__,
a constructor that takes the fields, __json__ giving the field dict (nested
values as their own dicts; an Event with 'type' first, as a field of an
abstract class carries it), and str() as pprint.pformat of that dict.

make_data.py builds the fixture with it; cpython.py times it.
"""
import pprint


class Model:
    __slots__ = ()

    def __json__(self):
        raise NotImplementedError

    def __str__(self):
        return pprint.pformat(self.__json__())


class Level(Model):
    __slots__ = ("price", "size", "orders")

    def __init__(self, price, size, orders=1):
        self.price = price
        self.size = size
        self.orders = orders

    def __json__(self):
        return {"price": self.price, "size": self.size, "orders": self.orders}


class Summary(Model):
    __slots__ = ("mid", "spread", "vwap", "depth")

    def __init__(self, mid, spread, vwap, depth):
        self.mid = mid
        self.spread = spread
        self.vwap = vwap
        self.depth = depth

    def __json__(self):
        return {"mid": self.mid, "spread": self.spread, "vwap": self.vwap,
                "depth": self.depth}


class Event(Model):
    __slots__ = ("at",)

    def __init__(self, at):
        self.at = at


class Trade(Event):
    __slots__ = ("price", "size")

    def __init__(self, at, price, size):
        Event.__init__(self, at)
        self.price = price
        self.size = size

    def __json__(self):
        return {"type": "Trade", "at": self.at, "price": self.price,
                "size": self.size}


class Halt(Event):
    __slots__ = ("reason", "resume_at")

    def __init__(self, at, reason, resume_at=None):
        Event.__init__(self, at)
        self.reason = reason
        self.resume_at = resume_at

    def __json__(self):
        return {"type": "Halt", "at": self.at, "reason": self.reason,
                "resume_at": self.resume_at}


EVENTS = {"Trade": Trade, "Halt": Halt}


def event_from_dict(d):
    d = dict(d)
    return EVENTS[d.pop("type")](**d)


class Quote(Model):
    __slots__ = ("venue", "symbol", "side", "levels", "summary", "last")

    def __init__(self, venue, symbol, side, summary, last, levels=()):
        self.venue = venue
        self.symbol = symbol
        self.side = side
        self.levels = list(levels)
        self.summary = summary
        self.last = last

    def __json__(self):
        return {"venue": self.venue, "symbol": self.symbol, "side": self.side,
                "levels": [level.__json__() for level in self.levels],
                "summary": self.summary.__json__(),
                "last": self.last.__json__()}

    @classmethod
    def from_dict(cls, d):
        """The value json.loads(text) describes, nested classes made."""
        d = dict(d)
        d["levels"] = [Level(**x) for x in d.get("levels", ())]
        d["summary"] = Summary(**d["summary"])
        d["last"] = event_from_dict(d["last"])
        return cls(**d)
