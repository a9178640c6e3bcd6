//! Native tests of panel 02's phenomena: gradient descent fits the data; deep sigmoid stacks show
//! vanishing gradients in the per-layer gradient norms.

mod common;

use common::{backprop_job, run_to_end, values};
use trainlab::engine::data::toy2d::Shape;
use trainlab::engine::job::Status;
use trainlab::engine::models::mlp::Activation;
use trainlab::panels::backprop::BackpropParams;

#[test]
fn default_run_learns_the_spiral() {
    let job = backprop_job(&BackpropParams::default());
    run_to_end(&job);
    let j = job.borrow();
    assert_eq!(j.status(), Status::Done);
    let loss = values(&j, "train_loss");
    let acc = values(&j, "train_acc");
    assert!(loss.last().unwrap() < &(loss[0] * 0.3), "loss {} -> {}", loss[0], loss.last().unwrap());
    assert!(*acc.last().unwrap() > 0.9, "accuracy {}", acc.last().unwrap());
    assert_eq!(j.exp().boundary.len(), trainlab::panels::backprop::experiment::GRID.pow(2));
}

/// What "things to try" promises: sigmoid with 6 hidden layers, on the default data set (spiral)
/// and on circles, gives layer 0 a gradient more than 20 times smaller than the output layer's.
#[test]
fn deep_sigmoid_gradients_vanish_towards_the_input() {
    for dataset in [Shape::Spiral, Shape::Circles] {
        let p =
            BackpropParams { act: Activation::Sigmoid, depth: 6, width: 16, steps: 5, dataset, ..Default::default() };
        let job = backprop_job(&p);
        run_to_end(&job);
        let j = job.borrow();
        let first = values(&j, "grad_norm_layer_0")[0];
        let last = values(&j, "grad_norm_layer_6")[0];
        assert!(first * 20.0 < last, "{dataset:?}: layer 0 {first} vs output layer {last}");
        // ReLU at the same depth keeps them within a much smaller ratio.
        let r = backprop_job(&BackpropParams { act: Activation::Relu, ..p });
        run_to_end(&r);
        let r = r.borrow();
        let (rf, rl) = (values(&r, "grad_norm_layer_0")[0], values(&r, "grad_norm_layer_6")[0]);
        assert!(rl / rf < (last / first) / 5.0, "{dataset:?}: relu ratio {} vs sigmoid {}", rl / rf, last / first);
    }
}
