from setuptools import setup

setup(cffi_modules=["build_solver.py:ffibuilder"])
