// Echoes a message back to its sender.
module.exports.send = async (event) => ({ statusCode: 200, body: event.body });
