#!/usr/bin/env bash
# Build the bpnet-lite baseline venv at benchmarks/bpnet_lite/.venv (or $1).
# bpnet-lite is never a dependency of skmotif: it lives only in this venv.
#
# bpnet-lite 1.1.0 declares modisco, macs3, bam2bw and seaborn as requirements; they
# serve only its command-line pipeline (peak calling, bam->bigwig, TF-MoDISco, plots),
# not BPNet / BPNet.fit / bpnetlite.io / bpnetlite.losses. So bpnet-lite is installed
# with --no-deps and its import-time needs (tangermeme, h5py, pandas, tqdm, scipy) are
# installed explicitly, pinned to the versions this was tested with.
# Usage: bash benchmarks/bpnet_lite/setup.sh [VENV]   (prints the venv's python)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
v=${1:-$here/.venv}
python3 -m venv "$v"
pip=("$v/bin/pip" install -q)
# CPU-only PyTorch wheel (2.13.0+cpu)
"${pip[@]}" "torch==2.13.0" --index-url https://download.pytorch.org/whl/cpu
"${pip[@]}" --no-deps "bpnet-lite==1.1.0"
"${pip[@]}" "numpy==2.4.6" "tangermeme==1.6.0" "h5py==3.16.0" "pandas==3.1.2" \
  "scipy==1.17.1" "tqdm==4.70.1"
"$v/bin/python" - <<'EOF'
import bpnetlite, tangermeme, torch, numpy
from bpnetlite.bpnet import BPNet
from bpnetlite.io import PeakNegativeSampler
from bpnetlite.losses import MNLLLoss, log1pMSELoss
print("bpnet-lite", bpnetlite.__version__, "torch", torch.__version__,
      "tangermeme", tangermeme.__version__, "numpy", numpy.__version__)
EOF
echo "$v/bin/python"
