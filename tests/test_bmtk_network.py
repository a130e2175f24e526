"""A bmtk BioNet network of IntFire1 point cells driven by SONATA Poisson spike trains gives
NEURON 9.0.2's spikes (NEURON with vecevent.mod compiled; here the VecStim plugin).  Runs where
bmtk is installed (`pip install bmtk`); it is not a dependency."""
import pytest

from .fresh_process import run_python

BUILD = """
import numpy as np
from bmtk.builder.networks import NetworkBuilder
from bmtk.utils.reports.spike_trains import PoissonSpikeGenerator
net = NetworkBuilder("net")
net.add_nodes(N=20, model_type="point_process", model_template="nrn:IntFire1", dynamics_params="IntFire1_exc.json", pop_name="exc")
net.add_edges(source={"pop_name": "exc"}, target={"pop_name": "exc"}, connection_rule=lambda s, t: 1 if (s.node_id + 3) % 20 == t.node_id else 0,
              syn_weight=0.5, delay=2.0, dynamics_params="instant.json", model_template="exp2syn")
net.build(); net.save_nodes(output_dir="network"); net.save_edges(output_dir="network")
inp = NetworkBuilder("inp")
inp.add_nodes(N=10, model_type="virtual", pop_name="in")
inp.add_edges(source=inp.nodes(), target=net.nodes(), connection_rule=lambda s, t: 1 if s.node_id == t.node_id % 10 else 0,
              syn_weight=0.6, delay=1.0, dynamics_params="instant.json")
inp.build(); inp.save_nodes(output_dir="network"); inp.save_edges(output_dir="network")
psg = PoissonSpikeGenerator(population="inp", seed=7)
psg.add(node_ids=list(range(10)), firing_rate=40.0, times=(0.0, 0.5))
psg.to_sonata("inputs.h5")
"""

RUN = """
import h5py
from bmtk.simulator import bionet
conf = bionet.Config.from_json("config.json")
conf.build_env()
net = bionet.BioNetwork.from_config(conf)
sim = bionet.BioSimulator.from_config(conf, network=net)
sim.run()
with h5py.File("output/spikes.h5") as f:
    g = f["spikes"]["net"]
    ts = list(g["timestamps"][()]); ids = list(g["node_ids"][()])
sp = sorted(zip(ts, ids))
print("RESULT", len(sp), [(round(float(t), 6), int(i)) for t, i in sp[:6]], round(float(sum(ts)), 6))
"""

CONFIG = """{
 "manifest": {
  "$BASE_DIR": ".",
  "$NETWORK_DIR": "$BASE_DIR/network",
  "$COMPONENTS_DIR": "$BASE_DIR/components",
  "$OUTPUT_DIR": "$BASE_DIR/output"
 },
 "run": {
  "tstop": 500.0,
  "dt": 0.1,
  "dL": 20.0,
  "spike_threshold": -15,
  "nsteps_block": 5000
 },
 "target_simulator": "NEURON",
 "conditions": {
  "celsius": 34.0,
  "v_init": -80
 },
 "inputs": {
  "in_spikes": {
   "input_type": "spikes",
   "module": "sonata",
   "input_file": "$BASE_DIR/inputs.h5",
   "node_set": "inp"
  }
 },
 "output": {
  "log_file": "log.txt",
  "output_dir": "$OUTPUT_DIR",
  "spikes_file": "spikes.h5",
  "overwrite_output_dir": true
 },
 "components": {
  "point_neuron_models_dir": "$COMPONENTS_DIR/point_neuron_models",
  "synaptic_models_dir": "$COMPONENTS_DIR/synaptic_models"
 },
 "networks": {
  "nodes": [
   {
    "nodes_file": "$NETWORK_DIR/net_nodes.h5",
    "node_types_file": "$NETWORK_DIR/net_node_types.csv"
   },
   {
    "nodes_file": "$NETWORK_DIR/inp_nodes.h5",
    "node_types_file": "$NETWORK_DIR/inp_node_types.csv"
   }
  ],
  "edges": [
   {
    "edges_file": "$NETWORK_DIR/net_net_edges.h5",
    "edge_types_file": "$NETWORK_DIR/net_net_edge_types.csv"
   },
   {
    "edges_file": "$NETWORK_DIR/inp_net_edges.h5",
    "edge_types_file": "$NETWORK_DIR/inp_net_edge_types.csv"
   }
  ]
 }
}"""


def test_bmtk_point_network(tmp_path):
    pytest.importorskip("bmtk")
    comp = tmp_path / "components"
    (comp / "point_neuron_models").mkdir(parents=True)
    (comp / "synaptic_models").mkdir()
    (comp / "point_neuron_models" / "IntFire1_exc.json").write_text('{"tau": 20.0, "refrac": 2.0}')
    (comp / "synaptic_models" / "instant.json").write_text('{"sign": 1}')
    (tmp_path / "config.json").write_text(CONFIG)
    for code in (BUILD, RUN):
        r = run_python(code, tmp_path)
        assert r.returncode == 0, r.stderr[-3000:]
    # NEURON 9.0.2 with bmtk 1.2.0
    assert ("RESULT 20 [(13.645216, 6), (13.645216, 16), (14.037991, 8), (14.037991, 18), "
            "(14.808475, 5), (14.808475, 15)] 1095.87393") in r.stdout
