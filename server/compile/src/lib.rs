//! Compiles a Serverless service (as plain data) to the CloudFormation template the framework writes.
