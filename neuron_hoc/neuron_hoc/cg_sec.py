"""Compiling NEURON's section expressions: `soma.L`, `diam`, `v(0.5)`, `soma.gnabar_hh(x)`.

Range variables read without an arc position mean the value at x = 0.5 of the section;
the section is the currently accessed one unless a `sec.` prefix names it.  The run-time
helpers (`_rv`, `_rv_set`, `_rv_all`, `_rv_taper`) talk to the engine's model API.
"""
from __future__ import annotations


class SectionCompiler:

    def section_member(self, ocode: str, node):
        name = node.name
        if node.index:
            raise self.fail("range variable arrays are not supported here", node)
        if name in self.interp.secprops:
            if node.args is not None:
                raise self.fail("%s is not a range variable" % name, node)
            return "%s.%s" % (ocode, name), "num"
        x = "0.5"
        if node.args is not None:
            if len(node.args) != 1:
                raise self.fail("range variable takes one arc position", node)
            x = self.num(node.args[0])
        return "_rv(%s, %r, %s)" % (ocode, name, x), "num"

    def range_read(self, sec, sym, node, args):
        if node.index:
            raise self.fail("range variable arrays are not supported here", node)
        x = "0.5"
        if args is not None:
            if len(args) != 1:
                raise self.fail("range variable takes one arc position", node)
            x = self.num(args[0])
        return "_rv(%s, %r, %s)" % (sec or "None", node.name, x), "num"
