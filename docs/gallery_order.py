"""The examples gallery in reading order: first steps, then reading a model, then scale."""

from pathlib import Path

ORDER = [
    "plot_quick_start.py",
    "plot_training_history.py",
    "plot_grid_search.py",
    "plot_pipeline_calibration.py",
    "plot_regression_planted.py",
    "plot_regression_rna_energy.py",
    "plot_genome_to_track.py",
    "plot_profile_model.py",
    "plot_kernel_report.py",
    "plot_naming_kernels.py",
    "plot_motif_discovery.py",
    "plot_attribution.py",
    "plot_strands_variants.py",
    "plot_optimized_inputs.py",
    "plot_experiments.py",
    "plot_rna_structure.py",
    "plot_protein.py",
    "plot_multilabel.py",
    "plot_numeric_tracks.py",
    "plot_saving_cli.py",
    "plot_dask_search.py",
    "plot_pysster_tutorial.py",
]


class GalleryOrder:
    """sphinx-gallery's ``within_subsection_order``: an example's place in :data:`ORDER`."""

    def __init__(self, src_dir):
        self.src_dir = src_dir

    def __call__(self, filename):
        return ORDER.index(Path(filename).name)
