"""Unit constants (NEURON's base units: mM, ms, mV, um); multiply to convert, e.g. 5 * units.s."""
mM = ms = mV = um = µm = 1.0
uM = µM = 1e-3
nM = 1e-6
M = 1e3
us = µs = 1e-3
s = sec = 1e3
minute = 60 * s
hour = 60 * minute
day = 24 * hour
nm = 1e-3
mm = 1e3
cm = 1e4
m = 1e6
uV = µV = 1e-3
V = 1e3
