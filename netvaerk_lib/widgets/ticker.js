export default {
  render({ model }) {
    const id = setInterval(() => model.send({ type: "tick" }), Math.max(1, model.get("seconds")) * 1000);
    return () => clearInterval(id);
  },
};
